import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { must, run } from '../harness';

/**
 * Real local users for the SSH lab tests (the lab's sshd shares this machine's users):
 * one with a NOPASSWD sudoers drop-in, one whose sudo asks for a password.
 */

export interface LabUser {
  name: string;
  password: string;
  home: string;
}

export interface LabUsers {
  nopass: LabUser;
  withPass: LabUser;
  remove(): void;
}

/** True when sudo and useradd exist (root is checked by the lab). */
export function usersAvailable(): { ok: boolean; reason: string } {
  if (run(['sh', '-c', 'command -v sudo']).code !== 0) {
    return { ok: false, reason: 'sudo is not installed (apt-get install -y sudo)' };
  }
  if (run(['sh', '-c', 'command -v useradd']).code !== 0) {
    return { ok: false, reason: 'useradd is missing' };
  }
  return { ok: true, reason: '' };
}

/** Creates both users with homes under `dir` and their sudoers drop-ins. */
export function createLabUsers(dir: string): LabUsers {
  const tag = process.pid.toString(36);
  const made: string[] = [];
  const dropIn = `/etc/sudoers.d/conndoctor-lab-ssh-${tag}`;
  const remove = () => {
    rmSync(dropIn, { force: true });
    for (const u of made) {
      // Sessions of the user may outlive their SSH connection by a moment.
      run(['pkill', '-KILL', '-u', u]);
      run(['userdel', u]);
      // sudo's per-user state: the "lecture" marker and credential timestamps.
      rmSync(`/var/lib/sudo/lectured/${u}`, { force: true });
      rmSync(`/run/sudo/ts/${u}`, { force: true });
    }
  };
  try {
    const make = (suffix: string): LabUser => {
      const name = `cdssh${tag}${suffix}`;
      const home = join(dir, name);
      mkdirSync(home, { recursive: true });
      // Login shell /bin/sh (dash on Debian): the executor must not rely on bash.
      must(['useradd', '-M', '-d', home, '-s', '/bin/sh', name]);
      made.push(name);
      must(['chown', name, home]);
      // A password also unlocks the account: sshd refuses locked accounts without PAM.
      const password = `pw-${randomBytes(6).toString('hex')}`;
      must(['chpasswd'], { input: `${name}:${password}\n` });
      return { name, password, home };
    };
    const nopass = make('n');
    const withPass = make('p');
    const text = `${nopass.name} ALL=(ALL) NOPASSWD: ALL\n${withPass.name} ALL=(ALL) ALL\n`;
    writeFileSync(dropIn, text, { mode: 0o440 });
    must(['visudo', '-c', '-q', '-f', dropIn]);
    return { nopass, withPass, remove };
  } catch (e) {
    remove();
    throw e;
  }
}
