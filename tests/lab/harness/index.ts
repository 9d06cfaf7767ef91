/**
 * The reusable lab (DESIGN §5, LAB.md): real "server hosts" in network namespaces for
 * lab tests. Typical use:
 *
 * ```ts
 * const avail = labAvailable();
 * describe.skipIf(!avail.ok)('…', () => {
 *   let lab: Lab;
 *   beforeAll(() => { lab = createLab({ name: 'refused', net: 233 }); });
 *   afterAll(() => lab.destroy());
 * });
 * if (!avail.ok) console.warn(`skipping lab tests: ${avail.reason}`);
 * ```
 */
export { createLab, NS_PREFIX, type Lab, type LabOptions } from './lab';
export { addressPlan, type AddressPlan } from './net';
export { cleanupStale, labAvailable } from './cleanup';
export {
  listening,
  startService,
  stopChild,
  tcpListenerArgv,
  type LabProcess,
  type ServiceOptions,
} from './service';
export {
  generateKeyPair,
  startSshd,
  systemdSshd,
  type KeyPair,
  type LabSshd,
  type SshdOptions,
  type SystemdSshd,
} from './sshd';
export { startSystemd, type LabSystemd, type SystemdOptions } from './systemd';
export { startCapture, type CaptureOptions, type LabCapture } from './capture';
export { nsExecutor, type NsExecutorOptions } from './ns-executor';
export { run, must, sleep, waitFor, type CmdResult } from './proc';
