import { chmodSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  startSshd,
  tcpListenerArgv,
  type KeyPair,
  type Lab,
} from '../lab/harness';
import type { AppPage } from './app.page';
import { startUiAtHome, type HomeUi } from './fixtures';

/**
 * A firewalled server for the lab e2e tests: a network namespace with a real sshd, a real
 * service on `port` of the data address and an iptables DROP rule in front of it, and a
 * `conndoctor ui` with a private HOME (trusting the lab's host key must not touch the real
 * known_hosts).
 */
export interface FirewalledServer {
  lab: Lab;
  key: KeyPair;
  port: number;
  ui: HomeUi;
  /** The `iptables -S INPUT` line of the DROP rule. */
  dropRule: string;
  /** True while the DROP rule is in the server's INPUT chain. */
  dropped(): boolean;
  /** Lets the lab's sshd read authorized_keys as a non-root user (see createLabUsers). */
  letUsersLogIn(): void;
  destroy(): Promise<void>;
}

export async function startFirewalledServer(opts: {
  name: string;
  net: number;
  port: number;
}): Promise<FirewalledServer> {
  cleanupStale();
  const lab = createLab({ name: opts.name, net: opts.net });
  let ui: HomeUi | undefined;
  const destroy = async () => {
    try {
      await ui?.stop();
    } finally {
      await lab.destroy();
    }
  };
  try {
    const key = generateKeyPair(lab.dir, 'id_ui');
    await startSshd(lab, { authorizedKeys: [key.publicKey] });
    await lab.startService(tcpListenerArgv(lab.dataAddr!, opts.port), { waitPort: opts.port });
    lab.execOk([
      'iptables',
      '-A',
      'INPUT',
      '-p',
      'tcp',
      '--dport',
      String(opts.port),
      '-j',
      'DROP',
    ]);
    ui = await startUiAtHome();
    const dropRule = `--dport ${opts.port} -j DROP`;
    return {
      lab,
      key,
      port: opts.port,
      ui,
      dropRule,
      dropped: () => lab.execOk(['iptables', '-S', 'INPUT']).includes(dropRule),
      letUsersLogIn: () => {
        // sshd reads authorized_keys as the logging-in user: let the lab user reach it.
        chmodSync(lab.dir, 0o711);
        chmodSync(join(lab.dir, 'sshd-22'), 0o711);
        chmodSync(join(lab.dir, 'sshd-22', 'authorized_keys'), 0o644);
      },
      destroy,
    };
  } catch (e) {
    await destroy();
    throw e;
  }
}

/**
 * Fills in the server access (`user@` the lab's management address, the lab key and, when
 * given, the sudo password) and the target, presses Enter, trusts the host key when it is
 * asked for, and waits for the diagnosis.
 */
export async function diagnoseOverSsh(
  app: AppPage,
  server: FirewalledServer,
  opts: { user: string; sudoPassword?: string },
): Promise<void> {
  const page: Page = app.page;
  const { lab } = server;
  await page.getByText(app.strings.server.summary).click();
  await page
    .getByRole('textbox', { name: 'SSH destination', exact: true })
    .fill(`${opts.user}@${lab.mgmtAddr!}`);
  await page
    .getByRole('textbox', { name: 'SSH key file', exact: true })
    .fill(server.key.privateKeyPath);
  if (opts.sudoPassword !== undefined) {
    await page.getByLabel(app.strings.server.sudoPassword, { exact: true }).fill(opts.sudoPassword);
  }
  await app.host.fill(lab.dataAddr!);
  await app.port.fill(String(server.port));
  await app.port.press('Enter');
  const trust = page.getByRole('button', { name: app.strings.server.trust });
  await expect(app.diagnosis.or(trust)).toBeVisible({ timeout: 30_000 });
  if (await trust.isVisible()) await trust.click();
  await expect(app.diagnosis).toHaveAttribute('data-cause', /.+/, { timeout: 30_000 });
}

/** Whether a real TCP connection from here to host:port is accepted within `ms`. */
export function tcpConnects(host: string, port: number, ms = 3_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
