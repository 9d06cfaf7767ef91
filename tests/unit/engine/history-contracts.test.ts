import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createService } from '../../../electron/engine/service';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { openStore } from '../../../electron/engine/store/store';
import { connect, diagnose, listeners } from '../shared/diagnosis/make-evidence';

/** The history through the contracts, on a real store in a temporary data directory. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'cd-history-'));
  dirs.push(dir);
  const local = createLocalExecutor();
  const service = createService(
    {
      localExecutor: () => local,
      appInfo: { name: 'ConnDoctor', version: '0', mode: 'browser', platform: 'linux' },
      history: openStore({ dir }),
    },
    () => undefined,
  );
  return { dir, service };
}

describe('history.record / list / get / delete', () => {
  it('records a diagnosis once per session (again replaces it), lists, reopens and deletes it', async () => {
    const { dir, service } = setup();
    const d = diagnose([connect('refused'), listeners([{ port: 22 }])]);
    expect(
      await service.dispatch('history.record', { diagnosis: d, server: 'root@10.0.0.2' }),
    ).toEqual({
      ok: true,
      value: { id: d.sessionId },
    });
    // Recorded again after its fix: the same file.
    await service.dispatch('history.record', { diagnosis: { ...d, verified: true }, server: null });
    expect(readdirSync(join(dir, 'history'))).toHaveLength(1);
    const list = await service.dispatch('history.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: [{ id: d.sessionId, cause: d.cause, target: { host: d.target.host } }],
    });
    expect(await service.dispatch('history.get', { id: d.sessionId })).toMatchObject({
      ok: true,
      value: { id: d.sessionId, server: null, diagnosis: { verified: true, cause: d.cause } },
    });
    expect(await service.dispatch('history.delete', { id: d.sessionId })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(await service.dispatch('history.get', { id: d.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    await service.close();
  });

  it('bad input is refused and changes nothing', async () => {
    const { dir, service } = setup();
    for (const id of ['../etc/passwd', 'x', '']) {
      expect(await service.dispatch('history.get', { id })).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
      expect(await service.dispatch('history.delete', { id })).toMatchObject({ ok: false });
    }
    expect(
      await service.dispatch('history.record', { diagnosis: { cause: 'ok' }, server: null }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(() => readdirSync(join(dir, 'history'))).toThrow();
    await service.close();
  });
});
