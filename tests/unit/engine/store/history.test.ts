import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSessionId } from '../../../../shared/session-id';
import {
  deleteSession,
  historyDir,
  InvalidSessionId,
  listSessions,
  MAX_SESSIONS,
  readSession,
  recordSession,
  sessionFile,
} from '../../../../electron/engine/store/history';
import { idAt, refused, tempStore } from './store-fixture';

/** History sessions against a real temporary data directory. */

const s = tempStore();

describe('history sessions', () => {
  it('records a session under its sessionId and reads it back, extra fields kept', async () => {
    const d = { ...refused(idAt(1)), message: { id: 'history.report.causes.not-listening' } };
    const r = await recordSession(s.dir(), { diagnosis: d, server: 'root@10.0.0.2', now: 1_000 });
    expect(r.id).toBe(idAt(1));
    const file = join(s.dir(), 'history', `${idAt(1)}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(historyDir(s.dir())).mode & 0o777).toBe(0o700);
    const back = await readSession(s.dir(), idAt(1), s.warn);
    expect(back?.diagnosis).toEqual(d);
    expect(back?.time).toBe('1970-01-01T00:00:01.000Z');
    expect(back?.server).toBe('root@10.0.0.2');
    expect(back?.target).toEqual({ host: d.target.host, port: d.target.port });
    expect(s.warnings).toEqual([]);
  });

  it('an unknown id reads as null; delete removes a session', async () => {
    expect(await readSession(s.dir(), idAt(9), s.warn)).toBeNull();
    await recordSession(s.dir(), { diagnosis: refused(idAt(2)) });
    expect(await deleteSession(s.dir(), idAt(2))).toBe(true);
    expect(await deleteSession(s.dir(), idAt(2))).toBe(false);
    expect(await readSession(s.dir(), idAt(2), s.warn)).toBeNull();
  });

  it('lists newest first with cause, fixed and changeId', async () => {
    await recordSession(s.dir(), {
      diagnosis: refused(idAt(10)),
      now: Date.UTC(2026, 0, 1, 0, 0, 10),
    });
    await recordSession(s.dir(), {
      diagnosis: { ...refused(idAt(20)), verified: true, changeId: idAt(19, '0000aa') },
      now: Date.UTC(2026, 0, 1, 0, 0, 20),
    });
    const list = await listSessions(s.dir(), s.warn);
    expect(list.map((x) => x.id)).toEqual([idAt(20), idAt(10)]);
    expect(list[0]).toMatchObject({
      fixed: true,
      changeId: idAt(19, '0000aa'),
      cause: 'not-listening',
    });
    expect(list[1]).toEqual({
      id: idAt(10),
      time: '2026-01-01T00:00:10.000Z',
      target: { host: '10.61.0.2', port: 8080 },
      cause: 'not-listening',
      fixed: false,
      changeId: null,
    });
  });

  it('a corrupt file is set aside with a warning, the rest still listed', async () => {
    await recordSession(s.dir(), { diagnosis: refused(idAt(1)) });
    const h = historyDir(s.dir());
    writeFileSync(join(h, `${idAt(2)}.json`), '{"version": 1, "id": tru');
    writeFileSync(join(h, `${idAt(3)}.json`), JSON.stringify({ version: 1, id: idAt(3) }));
    // A valid session stored under another id's name does not pass either.
    const moved = JSON.parse(readFileSync(sessionFile(s.dir(), idAt(1)), 'utf8')) as object;
    writeFileSync(join(h, `${idAt(4)}.json`), JSON.stringify({ ...moved, id: idAt(4) }));
    const list = await listSessions(s.dir(), s.warn);
    expect(list.map((x) => x.id)).toEqual([idAt(1)]);
    expect(s.warnings.map((w) => w.id)).toEqual([
      'history.store.setAside',
      'history.store.setAside',
      'history.store.setAside',
    ]);
    expect(s.warnings[0]?.params?.detail).toBe('not JSON');
    const names = readdirSync(h).sort();
    expect(names.filter((n) => n.endsWith('.json'))).toEqual([`${idAt(1)}.json`]);
    for (const n of [2, 3, 4]) {
      expect(names.some((x) => x.startsWith(`${idAt(n)}.json.corrupt-`))).toBe(true);
    }
    // Set aside once: the next listing is quiet.
    s.warnings.length = 0;
    await listSessions(s.dir(), s.warn);
    expect(s.warnings).toEqual([]);
  });

  it(`keeps the newest ${MAX_SESSIONS} sessions`, async () => {
    const h = historyDir(s.dir());
    await recordSession(s.dir(), { diagnosis: refused(idAt(0)) });
    const one = readFileSync(sessionFile(s.dir(), idAt(0)), 'utf8');
    // 1,004 sessions already on disk (copies with their own ids), then one more is recorded.
    for (let i = 1; i <= MAX_SESSIONS + 4; i++) {
      writeFileSync(join(h, `${idAt(i)}.json`), one.replaceAll(idAt(0), idAt(i)));
    }
    await recordSession(s.dir(), { diagnosis: refused(idAt(5000)) });
    const ids = readdirSync(h)
      .map((n) => n.replace(/\.json$/, ''))
      .filter(isSessionId)
      .sort();
    expect(ids).toHaveLength(MAX_SESSIONS);
    expect(ids.at(-1)).toBe(idAt(5000));
    // The oldest six (0..5) went; 6 is the oldest kept.
    expect(ids[0]).toBe(idAt(6));
    expect(existsSync(sessionFile(s.dir(), idAt(5)))).toBe(false);
  });

  it('refuses ids that are not of the session-id form before touching a path', async () => {
    for (const bad of [
      '../x',
      '../../etc/passwd',
      `${idAt(1)}/../../x`,
      '',
      idAt(1).toUpperCase(),
      `${idAt(1)}.json`,
    ]) {
      await expect(readSession(s.dir(), bad, s.warn)).rejects.toBeInstanceOf(InvalidSessionId);
      await expect(deleteSession(s.dir(), bad)).rejects.toBeInstanceOf(InvalidSessionId);
      expect(() => sessionFile(s.dir(), bad)).toThrow(InvalidSessionId);
    }
    // A diagnosis whose sessionId is not an id is never written.
    await expect(
      recordSession(s.dir(), { diagnosis: { ...refused(idAt(1)), sessionId: '../../x' } }),
    ).rejects.toThrow();
    expect(existsSync(join(s.dir(), 'x'))).toBe(false);
    expect(existsSync(historyDir(s.dir())) ? readdirSync(historyDir(s.dir())) : []).toEqual([]);
  });

  it('never stores a secret a caller slipped in', async () => {
    const d = refused(idAt(1));
    const pem =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const withSecrets = {
      ...d,
      privilege: { password: 'hunter2-sudo' },
      evidence: d.evidence.map((e, i) =>
        i === 0 ? { ...e, data: { ...(e.data as object), passphrase: 'pp-secret' }, raw: pem } : e,
      ),
    };
    await recordSession(s.dir(), { diagnosis: withSecrets });
    const text = readFileSync(sessionFile(s.dir(), idAt(1)), 'utf8');
    expect(text).not.toContain('hunter2-sudo');
    expect(text).not.toContain('pp-secret');
    expect(text).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
    expect(text).not.toMatch(/password|passphrase/i);
    expect(text).toContain('[private key removed]');
  });

  it('writes atomically: a reader never sees half a file, no temporary file is left', async () => {
    const h = historyDir(s.dir());
    const big = (n: number) => {
      const d = refused(idAt(1));
      // ~2 MB of raw output: far more than one write() moves, so a plain write is seen torn.
      return {
        ...d,
        evidence: d.evidence.map((e) => ({ ...e, raw: String(n % 10).repeat(2_000_000) })),
      };
    };
    await recordSession(s.dir(), { diagnosis: big(0) });
    const file = sessionFile(s.dir(), idAt(1));
    let reads = 0;
    let torn = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        try {
          JSON.parse(readFileSync(file, 'utf8'));
        } catch {
          torn++;
        }
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let n = 1; n <= 8; n++) await recordSession(s.dir(), { diagnosis: big(n) });
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(8);
    expect(torn).toBe(0);
    expect(readdirSync(h)).toEqual([`${idAt(1)}.json`]);
    const last = await readSession(s.dir(), idAt(1), s.warn);
    expect(last?.diagnosis.evidence[0]?.raw?.slice(0, 3)).toBe('888');
  });
});
