import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { msg, type Message } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';

/**
 * Files the user names (keys, known_hosts, SSH config, pasted outputs) are read only if
 * they are regular files under a size cap (DESIGN §4): `/dev/zero` would grow the process
 * without end, a FIFO would block it forever. The file is opened with O_NONBLOCK (opening
 * a FIFO does not wait for a writer), checked with fstat on that same descriptor (no race
 * with a swapped path), and read no further than the cap even if it grows meanwhile.
 */

/** Why a named file was not read. */
export type UserFileProblem = 'missing' | 'not-regular' | 'too-large' | 'unreadable';

/**
 * A user-named file that was refused; `message` is one line naming the file (English),
 * `msg` the same as a catalogue message (`error.file.*`) for the user's language.
 */
export class UserFileError extends Error {
  constructor(
    readonly problem: UserFileProblem,
    readonly path: string,
    readonly msg: Message,
  ) {
    super(english(msg));
    this.name = 'UserFileError';
  }
}

function missing(path: string): UserFileError {
  return new UserFileError('missing', path, msg('error.file.missing', { path }));
}

function unreadable(path: string, code: string): UserFileError {
  return new UserFileError('unreadable', path, msg('error.file.unreadable', { path, code }));
}

function tooLarge(path: string, maxBytes: number): UserFileError {
  return new UserFileError(
    'too-large',
    path,
    msg('error.file.tooLarge', { path, size: mib(maxBytes) }),
  );
}

/** Caps, by kind of file. */
export const USER_FILE_CAPS = {
  key: 1024 * 1024,
  knownHosts: 16 * 1024 * 1024,
  sshConfig: 1024 * 1024,
  pasted: 4 * 1024 * 1024,
} as const;

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${Math.round(n / 1024)} KiB`;
}

async function isNullDevice(rdev: number): Promise<boolean> {
  try {
    return (await stat('/dev/null')).rdev === rdev;
  } catch {
    return false;
  }
}

/** Reads `path` if it is a regular file of at most `maxBytes`; else a {@link UserFileError}. */
export async function readUserFile(path: string, maxBytes: number): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') throw missing(path);
    throw unreadable(path, code);
  }
  try {
    const st = await fh.stat();
    // The null device is the usual way to say "no file" (`-F /dev/null`): it reads as empty.
    if (st.isCharacterDevice() && (await isNullDevice(st.rdev))) return Buffer.alloc(0);
    if (!st.isFile()) {
      throw new UserFileError('not-regular', path, msg('error.file.notRegular', { path }));
    }
    if (st.size > maxBytes) {
      throw tooLarge(path, maxBytes);
    }
    // Read at most cap + 1 bytes: a file that grows past the cap after fstat is refused too.
    const chunks: Buffer[] = [];
    let got = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - got));
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      got += bytesRead;
      if (got > maxBytes) {
        throw tooLarge(path, maxBytes);
      }
    }
    return Buffer.concat(chunks, got);
  } catch (e) {
    if (e instanceof UserFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw unreadable(path, code);
  } finally {
    await fh.close();
  }
}

/** {@link readUserFile} as UTF-8 text. */
export async function readUserText(path: string, maxBytes: number): Promise<string> {
  return (await readUserFile(path, maxBytes)).toString('utf8');
}
