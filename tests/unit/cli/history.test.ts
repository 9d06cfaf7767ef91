import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendChange } from '../../../electron/engine/store/changes';
import { DiagnosisSchema, type Diagnosis } from '../../../shared/evidence';

/**
 * `diagnose` records sessions; `history`, `report` and `changes` read them back — the built
 * CLI as a child process, a real refused port on 127.0.0.1, a real data directory per test.
 */

const root = join(import.meta.dirname, '..', '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'conndoctor.js'), ...args],
      {
        cwd: root,
        timeout: 30_000,
        env: {
          ...process.env,
          NO_COLOR: '1',
          LC_ALL: 'C.UTF-8',
          CONNDOCTOR_DATA_DIR: dataDir,
          ...env,
        },
      },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let closed: number;
let tmp: string;
let n = 0;
const freshDir = () => mkdtempSync(join(tmp, `data-${n++}-`));

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  // A port that was just free and is closed again: nothing listens there.
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const a = s.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  closed = a.port;
  await new Promise<void>((r) => s.close(() => r()));
  tmp = mkdtempSync(join(tmpdir(), 'conndoctor-history-'));
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function diagnosed(dir: string): Promise<Diagnosis> {
  const r = await cli(['diagnose', `127.0.0.1:${closed}`, '--json', '--timeout', '1000'], dir);
  expect(r.code).toBe(1);
  return DiagnosisSchema.parse(JSON.parse(r.stdout));
}

describe('diagnose records the session; history lists it', () => {
  it('history --json: the session under the Diagnosis sessionId, newest first', async () => {
    const dir = freshDir();
    const first = await diagnosed(dir);
    const second = await diagnosed(dir);
    expect(readdirSync(join(dir, 'history')).sort()).toEqual(
      [`${first.sessionId}.json`, `${second.sessionId}.json`].sort(),
    );
    const r = await cli(['history', '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const list = JSON.parse(r.stdout) as unknown[];
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({
      id: second.sessionId,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      target: { host: '127.0.0.1', port: closed },
      cause: 'not-listening',
      fixed: false,
      changeId: null,
    });
    expect((list[1] as { id: string }).id).toBe(first.sessionId);
    const human = await cli(['history'], dir);
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(second.sessionId);
    expect(lines[0]).toContain(`127.0.0.1:${closed}`);
    expect(lines[0]).toContain('Nothing listens on the port');
  });

  it('1,000 sessions: history --json prints all of them (far more than one pipe buffer)', async () => {
    const dir = freshDir();
    const d = await diagnosed(dir);
    const h = join(dir, 'history');
    const text = readFileSync(join(h, `${d.sessionId}.json`), 'utf8');
    for (let i = 0; i < 999; i++) {
      const id = `20250101T${String(Math.floor(i / 3600)).padStart(2, '0')}${String(Math.floor(i / 60) % 60).padStart(2, '0')}${String(i % 60).padStart(2, '0')}Z-${i.toString(16).padStart(6, '0')}`;
      writeFileSync(join(h, `${id}.json`), text.replaceAll(d.sessionId, id));
    }
    const r = await cli(['history', '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(65_536);
    const list = JSON.parse(r.stdout) as { id: string }[];
    expect(list).toHaveLength(1000);
    expect(new Set(list.map((x) => x.id)).size).toBe(1000);
  });

  it('--no-history records nothing', async () => {
    const dir = freshDir();
    const r = await cli(['diagnose', `127.0.0.1:${closed}`, '--json', '--no-history'], dir);
    expect(r.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
    const h = await cli(['history', '--json'], dir);
    expect(h.code).toBe(0);
    expect(JSON.parse(h.stdout)).toEqual([]);
    expect((await cli(['history'], dir)).stdout).toBe('No sessions recorded.\n');
  });

  it('a history that cannot be written only warns: same exit status, same stdout', async () => {
    const dir = freshDir();
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const r = await cli(['diagnose', `127.0.0.1:${closed}`, '--json'], join(blocker, 'data'));
    expect(r.code).toBe(1);
    expect(DiagnosisSchema.parse(JSON.parse(r.stdout)).cause).toBe('not-listening');
    expect(r.stderr).toMatch(
      /^conndoctor: This session was not recorded in the history: .*ENOTDIR/m,
    );
  });

  it('a corrupt session file is set aside with a warning; exit 0, the rest listed', async () => {
    const dir = freshDir();
    const d = await diagnosed(dir);
    const bad = '20250101T000000Z-0a0b0c';
    writeFileSync(join(dir, 'history', `${bad}.json`), '{ not json');
    const r = await cli(['history', '--json'], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id)).toEqual([d.sessionId]);
    expect(r.stderr).toContain(`${bad}.json could not be read (not JSON); it was set aside as`);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(
      readdirSync(join(dir, 'history')).some((f) => f.startsWith(`${bad}.json.corrupt-`)),
    ).toBe(true);
  });
});

describe('conndoctor report ID', () => {
  let dir: string;
  let d: Diagnosis;
  beforeAll(async () => {
    dir = freshDir();
    d = await diagnosed(dir);
  }, 30_000);

  it('Markdown on stdout by default, naming the cause', async () => {
    const r = await cli(['report', d.sessionId], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^# ConnDoctor report: 127\\.0\\.0\\.1:${closed}\\n`));
    expect(r.stdout).toContain('**Nothing listens on the port');
    expect(r.stdout).toContain('| Cause | `not-listening` |');
    expect(r.stdout).toContain(`| Session | \`${d.sessionId}\` |`);
  });

  it('in the environment language (ko)', async () => {
    const r = await cli(['report', d.sessionId], dir, { LC_ALL: 'ko_KR.UTF-8' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('해당 포트에서 수신 대기하는 프로그램이 없습니다');
  });

  it('--format html -o FILE writes a self-contained page, nothing on stdout', async () => {
    const file = join(dir, 'f.html');
    const r = await cli(['report', d.sessionId, '--format', 'html', '-o', file], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('not-listening');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/i);
  });

  it('--format json is the recorded Diagnosis; --redact hides the addresses', async () => {
    const r = await cli(['report', d.sessionId, '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(d);
    const red = await cli(['report', d.sessionId, '--redact'], dir);
    expect(red.code).toBe(0);
    expect(red.stdout).not.toContain('127.0.0.1');
    expect(red.stdout).toContain(`loopback-1:${closed}`);
  });

  it('an id not of the session-id form exits 2: stdout empty, one line on stderr', async () => {
    for (const bad of ['../x', '../../etc/passwd', 'x.json']) {
      const r = await cli(['report', bad], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^conndoctor: "[^"]*" is not a session id .*\n$/);
      expect(r.stderr.split('\n')).toHaveLength(2);
    }
  });

  it('an unknown id and a bad --format exit 2 with a clear line', async () => {
    const unknown = await cli(['report', '20250101T000000Z-ffffff'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      'conndoctor: no session 20250101T000000Z-ffffff in the history (list them with: conndoctor history)\n',
    );
    const fmt = await cli(['report', d.sessionId, '--format', 'pdf'], dir);
    expect(fmt.code).toBe(2);
    expect(fmt.stdout).toBe('');
    expect(fmt.stderr).toMatch(/^conndoctor: --format pdf: use one of md, html, json/);
  });
});

describe('conndoctor changes', () => {
  it('an empty log: [] / one line', async () => {
    const dir = freshDir();
    const j = await cli(['changes', '--json'], dir);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual([]);
    const h = await cli(['changes'], dir);
    expect(h.code).toBe(0);
    expect(h.stdout).toBe('No changes recorded.\n');
  });

  it('lists the logged changes newest first, with undone', async () => {
    const dir = freshDir();
    const base = {
      target: { host: '127.0.0.1', port: closed },
      server: null,
      sessionId: null,
      commands: [['systemctl', 'start', 'nginx.service']],
      privileged: true,
      result: { verified: true, rolledBack: false },
      undo: [['systemctl', 'stop', 'nginx.service']],
    };
    const a = await appendChange(dir, {
      ...base,
      plan: { id: 'service.start', kind: 'service.start' },
      now: Date.UTC(2026, 0, 1),
    });
    const b = await appendChange(dir, {
      ...base,
      server: 'root@10.61.0.2',
      plan: { id: 'ufw.delete', kind: 'ufw.delete' },
      now: Date.UTC(2026, 0, 2),
    });
    const r = await cli(['changes', '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: b.id,
        time: '2026-01-02T00:00:00.000Z',
        target: { host: '127.0.0.1', port: closed },
        server: 'root@10.61.0.2',
        plan: 'ufw.delete',
        undone: false,
      },
      {
        id: a.id,
        time: '2026-01-01T00:00:00.000Z',
        target: { host: '127.0.0.1', port: closed },
        server: null,
        plan: 'service.start',
        undone: false,
      },
    ]);
    const h = await cli(['changes'], dir);
    expect(h.stdout.trimEnd().split('\n')[0]).toBe(
      `${b.id}  2026-01-02 00:00:00Z  127.0.0.1:${closed}  root@10.61.0.2  ufw.delete`,
    );
    expect(existsSync(join(dir, 'history'))).toBe(false);
  });
});
