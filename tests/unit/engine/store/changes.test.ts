import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  appendChange,
  appendUndo,
  changesFile,
  listChanges,
  readChangeLog,
  UnknownChange,
  type NewChange,
} from '../../../../electron/engine/store/changes';
import { isSessionId } from '../../../../shared/session-id';
import { idAt, tempStore } from './store-fixture';

/** The change log against a real temporary data directory. */

const s = tempStore();

function change(over: Partial<NewChange> = {}): NewChange {
  return {
    target: { host: '10.61.0.2', port: 8080 },
    server: 'root@10.61.0.2',
    sessionId: idAt(1),
    plan: { id: 'firewall.delete-rule', kind: 'firewall.delete-rule' },
    commands: [['iptables', '-D', 'INPUT', '-p', 'tcp', '--dport', '8080', '-j', 'REJECT']],
    privileged: true,
    result: { verified: true, rolledBack: false },
    undo: [['iptables', '-I', 'INPUT', '1', '-p', 'tcp', '--dport', '8080', '-j', 'REJECT']],
    ...over,
  };
}

describe('change log', () => {
  it('no log: an empty list, nothing created', async () => {
    expect(await listChanges(s.dir(), s.warn)).toEqual([]);
    expect(existsSync(changesFile(s.dir()))).toBe(false);
  });

  it('appends one line per change and per undo; lists newest first with undone', async () => {
    const a = await appendChange(s.dir(), change({ now: Date.UTC(2026, 0, 1) }));
    const b = await appendChange(
      s.dir(),
      change({
        plan: { id: 'service.start', kind: 'service.start' },
        server: null,
        now: Date.UTC(2026, 0, 2),
      }),
    );
    expect(isSessionId(a.id)).toBe(true);
    expect(a.id).not.toBe(b.id);
    await appendUndo(s.dir(), { undoOf: a.id, result: 'reverted' }, s.warn);
    const lines = readFileSync(changesFile(s.dir()), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({ undoOf: a.id, result: 'reverted' });
    expect(statSync(changesFile(s.dir())).mode & 0o777).toBe(0o600);
    expect(await listChanges(s.dir(), s.warn)).toEqual([
      {
        id: b.id,
        time: '2026-01-02T00:00:00.000Z',
        target: { host: '10.61.0.2', port: 8080 },
        server: null,
        plan: 'service.start',
        undone: false,
      },
      {
        id: a.id,
        time: '2026-01-01T00:00:00.000Z',
        target: { host: '10.61.0.2', port: 8080 },
        server: 'root@10.61.0.2',
        plan: 'firewall.delete-rule',
        undone: true,
      },
    ]);
    const log = await readChangeLog(s.dir(), s.warn);
    expect(log.changes[0]?.undo).toEqual(change().undo);
  });

  it('a failed undo does not mark the change undone; an unknown id is refused', async () => {
    const a = await appendChange(s.dir(), change());
    await appendUndo(s.dir(), { undoOf: a.id, result: 'failed' }, s.warn);
    expect((await listChanges(s.dir(), s.warn))[0]?.undone).toBe(false);
    await expect(
      appendUndo(s.dir(), { undoOf: idAt(77), result: 'reverted' }, s.warn),
    ).rejects.toBeInstanceOf(UnknownChange);
    await expect(
      appendUndo(s.dir(), { undoOf: '../x', result: 'reverted' }, s.warn),
    ).rejects.toThrow();
  });

  it('unreadable lines: the file is copied aside, the readable entries kept, a warning', async () => {
    const a = await appendChange(s.dir(), change());
    appendFileSync(changesFile(s.dir()), '{"id": "torn li\nnot json at all\n{"undoOf": 5}\n');
    const b = await appendChange(s.dir(), change());
    const list = await listChanges(s.dir(), s.warn);
    expect(list.map((c) => c.id)).toEqual([b.id, a.id]);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatchObject({
      id: 'history.store.linesSetAside',
      params: { count: 3 },
    });
    const aside = readdirSync(s.dir()).filter((n) => n.startsWith('changes.jsonl.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(`${s.dir()}/${aside[0] ?? ''}`, 'utf8')).toContain('not json at all');
    // The log now holds only its readable lines: the next read is quiet.
    expect(readFileSync(changesFile(s.dir()), 'utf8').trimEnd().split('\n')).toHaveLength(2);
    s.warnings.length = 0;
    await listChanges(s.dir(), s.warn);
    expect(s.warnings).toEqual([]);
  });

  it('never logs a secret a caller slipped in', async () => {
    const c = {
      ...change(),
      sudoPassword: 'hunter2-sudo',
      result: { verified: true, rolledBack: false, password: 'pw-x' },
    };
    await appendChange(s.dir(), c);
    const text = readFileSync(changesFile(s.dir()), 'utf8');
    expect(text).not.toContain('hunter2-sudo');
    expect(text).not.toContain('pw-x');
    expect(text).not.toMatch(/password/i);
  });
});
