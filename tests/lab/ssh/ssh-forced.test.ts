import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSshExecutor, type SshExecutor } from '../../../electron/engine/exec/ssh';
import {
  createLab,
  generateKeyPair,
  labAvailable,
  run,
  startSshd,
  type KeyPair,
  type Lab,
  type LabSshd,
} from '../harness';

/**
 * Remote leftovers: a REAL sshd whose authorized_keys forces a command (`command=`, as
 * ForceCommand does) that ignores the command string and its pid report. sshd refuses
 * signals to forced sessions and a closed channel does not end the process, so the only
 * bound is to send nothing more once the first command shows no pid line: one leftover at
 * most, where every parallel probe used to leave one (10 `sleep 600` seen).
 */

const avail = labAvailable();
if (!avail.ok) console.warn(`skipping forced-command lab tests: ${avail.reason}`);

let lab: Lab;
let sshd: LabSshd;
let key: KeyPair;
const MARK = 'sleep 613';

function leftovers(): number[] {
  const r = run(['pgrep', '-x', '-f', MARK]);
  return r.stdout
    .split('\n')
    .filter((l) => /^\d+$/.test(l))
    .map(Number);
}

describe.skipIf(!avail.ok)('a forced command on a real sshd', () => {
  let ex: SshExecutor | null = null;
  beforeAll(async () => {
    lab = createLab({ name: 'ssh-forced', net: 239, data: false });
    key = generateKeyPair(lab.dir, 'id_forced');
    writeFileSync(join(lab.dir, 'empty-config'), '');
    sshd = await startSshd(lab, { authorizedKeys: [`command="${MARK}" ${key.publicKey}`] });
  });
  afterAll(async () => {
    await ex?.close();
    // Only the processes this test's sshd started (the forced command), by pid.
    for (const pid of leftovers()) run(['kill', '-KILL', String(pid)]);
    await lab?.destroy();
  });

  it('parallel commands leave at most one forced process behind, and say why', async () => {
    const addr = lab.mgmtAddr!;
    ex = await openSshExecutor({
      destination: `root@${addr}`,
      identity: key.privateKeyPath,
      sshConfig: join(lab.dir, 'empty-config'),
      knownHosts: sshd.writeKnownHosts([addr]),
      timeoutMs: 3000,
    });
    const before = leftovers().length;
    const rs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ex!.run({ argv: ['echo', String(i)], timeoutMs: 800 })),
    );
    await ex.close();
    ex = null;
    await new Promise((r) => setTimeout(r, 300));
    expect(leftovers().length - before).toBeLessThanOrEqual(1);
    expect(rs.every((r) => r.stdout === '')).toBe(true);
    const refused = rs.filter((r) => /forced command/.test(r.error?.message ?? ''));
    expect(refused.length).toBeGreaterThanOrEqual(7);
    // The forced command here hangs: the message names both things that look like that.
    expect(refused[0]?.error?.message).toMatch(/did not start the commands sent in time/);
  });
});
