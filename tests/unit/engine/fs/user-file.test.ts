import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUserFile, UserFileError } from '../../../../electron/engine/fs/user-file';
import { createService } from '../../../../electron/engine/service';
import { defaultServiceDeps } from '../../../../electron/engine/service-deps';
import { english, translator } from '../../../../shared/i18n/translate';
import { expectKorean } from '../../shared/i18n/korean-text';

/** User-named files: only regular files under a cap, never a device or a FIFO (real files). */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-user-file-'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function problem(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserFileError);
  return (e as UserFileError).problem;
}

describe('readUserFile', () => {
  it('reads a regular file under the cap, byte for byte', async () => {
    const f = join(dir, 'ok');
    writeFileSync(f, 'x'.repeat(200_000));
    expect((await readUserFile(f, 200_000)).length).toBe(200_000);
  });

  it('refuses /dev/zero, a FIFO with no writer, a directory, a file over the cap', async () => {
    const t0 = Date.now();
    expect(await problem(readUserFile('/dev/zero', 1024))).toBe('not-regular');
    // The null device (`-F /dev/null`) is the usual empty file, and reads as one.
    expect((await readUserFile('/dev/null', 1024)).length).toBe(0);
    expect(await problem(readUserFile(join(dir, 'fifo'), 1024))).toBe('not-regular');
    expect(await problem(readUserFile(dir, 1024))).toBe('not-regular');
    const big = join(dir, 'big');
    writeFileSync(big, 'x'.repeat(1025));
    expect(await problem(readUserFile(big, 1024))).toBe('too-large');
    expect(await problem(readUserFile(join(dir, 'nope'), 1024))).toBe('missing');
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('UserFileError carries its message', () => {
  it('English exactly as before from the catalogue; Korean with the path verbatim', async () => {
    const big = join(dir, 'big (1), x');
    writeFileSync(big, 'x'.repeat(2048));
    const cases: [() => Promise<unknown>, string, string][] = [
      [
        () => readUserFile(join(dir, 'nope'), 1024),
        `${join(dir, 'nope')}: no such file`,
        '파일이 없습니다',
      ],
      [() => readUserFile(dir, 1024), `${dir}: not a regular file`, '일반 파일이 아닙니다'],
      [() => readUserFile(big, 1024), `${big}: larger than 1 KiB`, '1 KiB보다 큽니다'],
    ];
    for (const [read, en, ko] of cases) {
      const e = await read().then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(UserFileError);
      const err = e as UserFileError;
      expect(err.message).toBe(en);
      expect(english(err.msg)).toBe(en);
      const text = translator('ko')(err.msg);
      expect(text.endsWith(`: ${ko}`), text).toBe(true);
      expectKorean(text, [err.path, 'KiB']);
    }
  });
});

describe('session.open with a key file that is not a regular file', () => {
  it('answers invalid-request naming the field, without growing or hanging', async () => {
    const service = createService(defaultServiceDeps('browser'), () => undefined);
    for (const identity of ['/dev/zero', join(dir, 'fifo')]) {
      const before = process.memoryUsage().rss;
      const r = await service.dispatch('session.open', {
        destination: 'root@127.0.0.1:1',
        identity,
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'identity' } });
      if (!r.ok) expect(r.error.message).toMatch(/^identity: .*not a regular file/);
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    }
  });
});
