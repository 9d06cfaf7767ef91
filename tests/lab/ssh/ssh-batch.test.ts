import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSshExecutor, type SshExecutor } from '../../../electron/engine/exec/ssh';
import { sshStats } from '../../../electron/engine/exec/ssh-stats';
import {
  createLab,
  generateKeyPair,
  labAvailable,
  startSshd,
  type KeyPair,
  type Lab,
  type LabSshd,
} from '../harness';
import { createLabUsers, usersAvailable, type LabUsers } from './lab-users';

/**
 * Batched server reads on a REAL sshd (DESIGN §6): commands asked for together travel in
 * one exec channel, each section with its own `sudo -n`, exit status, output and timeout —
 * the same results as one channel each.
 */

const lab0 = labAvailable();
const users0 = lab0.ok ? usersAvailable() : lab0;
const avail = { ok: lab0.ok && users0.ok, reason: lab0.ok ? users0.reason : lab0.reason };
if (!avail.ok) console.warn(`skipping SSH batch lab tests: ${avail.reason}`);

let lab: Lab;
let sshd: LabSshd;
let key: KeyPair;
let users: LabUsers;
const open: SshExecutor[] = [];

async function as(user: string): Promise<SshExecutor> {
  const ex = await openSshExecutor({
    destination: `${user}@${lab.mgmtAddr!}`,
    identity: key.privateKeyPath,
    sshConfig: join(lab.dir, 'empty-config'),
    knownHosts: sshd.writeKnownHosts([lab.mgmtAddr!]),
    timeoutMs: 3000,
  });
  open.push(ex);
  return ex;
}

describe.skipIf(!avail.ok)('SSH executor: batched commands on a real host', () => {
  beforeAll(async () => {
    lab = createLab({ name: 'ssh-batch', net: 232 });
    key = generateKeyPair(lab.dir, 'id_lab');
    writeFileSync(join(lab.dir, 'empty-config'), '');
    users = createLabUsers(lab.dir);
    lab.onDestroy(() => users.remove());
    chmodSync(lab.dir, 0o711);
    sshd = await startSshd(lab, { authorizedKeys: [key.publicKey] });
    chmodSync(join(lab.dir, 'sshd-22'), 0o711);
    chmodSync(join(lab.dir, 'sshd-22', 'authorized_keys'), 0o644);
  });
  afterAll(async () => {
    try {
      await Promise.all(open.splice(0).map((e) => e.close()));
    } finally {
      users?.remove();
      await lab?.destroy();
    }
  });

  it('runs parallel commands in one channel with the results of separate ones', async () => {
    const ex = await as(users.nopass.name);
    const uid = lab.execOk(['id', '-u', users.nopass.name]).trim();
    await ex.run({ argv: ['true'], privileged: true }); // settles the one-off root check
    const before = { ...sshStats };
    const [plain, root, missing, failing, slow] = await Promise.all([
      ex.run({ argv: ['id', '-u'] }),
      ex.run({ argv: ['id', '-u'], privileged: true }),
      ex.run({ argv: ['conndoctor-not-a-real-command'], privileged: true }),
      ex.run({ argv: ['cat', '/etc/shadow'] }),
      ex.run({ argv: ['sleep', '31341'], timeoutMs: 500 }),
    ]);
    expect(
      {
        channels: sshStats.channels - before.channels,
        commands: sshStats.commands - before.commands,
      },
      JSON.stringify([plain, root, missing, failing, slow]),
    ).toEqual({ channels: 1, commands: 5 });
    expect(plain).toMatchObject({ stdout: `${uid}\n`, exitCode: 0, elevated: false });
    expect(root).toMatchObject({ stdout: '0\n', exitCode: 0, elevated: true });
    expect(missing.error?.code).toBe('not-installed');
    expect(failing.error?.code).toBe('permission-denied');
    expect(slow.error?.code).toBe('timeout');
    await expect
      .poll(() => lab.exec(['pgrep', '-f', '^sleep 31341$']).code, { timeout: 3000 })
      .toBe(1);
  });
});
