import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../../shared/evidence';

/** `--lang` and the locale variables (DESIGN §3), on a real closed port of this machine. */

const root = join(import.meta.dirname, '..', '..', '..');
const HANGUL = /[\uac00-\ud7a3]/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete base.LC_ALL;
  delete base.LC_MESSAGES;
  delete base.LANG;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'conndoctor.js'), ...args],
      { cwd: root, timeout: 30_000, env: { ...base, ...env } },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? null : 0;
        resolve({ code, stdout, stderr });
      },
    ).stdin?.end('');
  });
}

let closed = 0;
const diagnose = (...extra: string[]) => [
  'diagnose',
  `127.0.0.1:${closed}`,
  '--timeout',
  '800',
  '--no-history',
  ...extra,
];

/** Lines that are not commands, paths or evidence (the proof lines stay as captured). */
function sentences(stdout: string): string[] {
  const evidenceAt = stdout.split('\n').findIndex((l) => /^(Evidence|증거):$/.test(l));
  return stdout
    .split('\n')
    .slice(0, evidenceAt < 0 ? undefined : evidenceAt)
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('$ '));
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  closed = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}, 60_000);

describe('conndoctor diagnose --lang', () => {
  it('--lang ko: the answer comes first, in Korean, and every line before the proof has Hangul', async () => {
    const r = await cli(diagnose('--lang', 'ko'));
    expect(r.code, r.stderr).toBe(1);
    const lines = sentences(r.stdout);
    expect(lines[0]).toMatch(HANGUL);
    expect(lines[0]).toContain(String(closed));
    for (const l of lines) expect(l, l).toMatch(HANGUL);
    // The outcome, the confidence and where the server side was checked are in Korean too.
    expect(lines[1]).toContain('연결이 거부되었습니다');
    expect(lines[1]).toContain('확신도 높음');
    expect(r.stdout).toContain('서버 쪽은 이 컴퓨터에서 확인했습니다.');
    // No English sentence outside commands: no run of four English words (the firewall
    // evaluator's reason is a message too).
    for (const l of lines) expect(l, l).not.toMatch(/[A-Za-z]+(?:[ ,]+[A-Za-z]+){3}/);
  });

  it('--lang ko: the answer, then the seven steps (aligned), then what to do next with its commands', async () => {
    const r = await cli(diagnose('--lang', 'ko'));
    const out = r.stdout.split('\n');
    const steps = out.indexOf('단계:');
    const next = out.indexOf('다음에 할 일:');
    const proof = out.indexOf('증거:');
    expect(steps).toBeGreaterThan(0);
    expect(next).toBeGreaterThan(steps);
    expect(proof).toBeGreaterThan(next);
    const stepLines = out.slice(steps + 1, out.indexOf('', steps));
    expect(stepLines).toHaveLength(7);
    const columns = stepLines.map((l) => {
      const m = /^ {2}(통과|문제|모름|건너뜀)( +)\S/.exec(l);
      expect(m, l).not.toBeNull();
      // Terminal cells before the step name: Hangul takes two.
      return 2 + 2 * (m?.[1]?.length ?? 0) + (m?.[2]?.length ?? 0);
    });
    expect(new Set(columns).size).toBe(1);
    expect(stepLines.some((l) => l.startsWith('  문제') && l.includes('대기 소켓'))).toBe(true);
    const nextLines = out.slice(next + 1, proof - 1);
    expect(nextLines.length).toBeGreaterThan(1);
    for (const l of nextLines) expect(l, l).toMatch(/^ {2}- .*[\uac00-\ud7a3]|^ {4}\$ \S/);
    expect(nextLines).toContain('    $ ss -Hltnp');
  });

  it('--lang ko: the evidence summaries and what was ruled out are Korean too', async () => {
    const r = await cli(diagnose('--lang', 'ko'));
    const out = r.stdout.split('\n');
    const proof = out.indexOf('증거:');
    const ruled = out.indexOf('제외한 원인:');
    expect(proof).toBeGreaterThan(0);
    const evidence = out.slice(proof + 1, out.indexOf('', proof));
    // The client's connect and the server's listeners, as the engine found them, in Korean.
    expect(evidence).toContain(`  fail connect [client] 127.0.0.1:${closed}: 거부됨(ECONNREFUSED)`);
    const listeners = evidence.find((l) => l.includes(' listeners [server] '));
    expect(listeners).toMatch(
      new RegExp(
        `^ {2}fail listeners \\[server\\] TCP 포트 ${closed}에서 수신 대기하는 것이 없습니다`,
      ),
    );
    // Every evidence summary has Hangul (the commands after "$" stay as they ran).
    for (const l of evidence) expect(l.split('  $ ')[0], l).toMatch(HANGUL);
    // What was ruled out, and why, too.
    expect(ruled).toBeGreaterThan(proof);
    const ruledOut = out.slice(ruled + 1).filter((l) => l.trim() !== '');
    expect(ruledOut.length).toBeGreaterThan(0);
    for (const l of ruledOut) expect(l, l).toMatch(HANGUL);
    // The English run says the same in English (the summaries JSON keeps).
    const en = await cli(diagnose('--lang', 'en'));
    expect(en.stdout).toContain(
      `  fail connect [client] 127.0.0.1:${closed}: refused (ECONNREFUSED)`,
    );
    expect(en.stdout).not.toMatch(HANGUL);
  });

  it('without --lang: LANG=ko gives Korean; LC_ALL=en overrides LANG=ko', async () => {
    const ko = await cli(diagnose(), { LANG: 'ko_KR.UTF-8' });
    expect(sentences(ko.stdout)[0]).toMatch(HANGUL);
    const en = await cli(diagnose(), { LANG: 'ko_KR.UTF-8', LC_ALL: 'en_US.UTF-8' });
    expect(sentences(en.stdout)[0]).toBe(`Nothing listens on port ${closed} on the server.`);
    expect(en.stdout).not.toMatch(HANGUL);
    expect(en.stdout).toContain('Steps:');
  });

  it('--lang fr: exit 2, stdout empty, one line on stderr', async () => {
    const r = await cli(diagnose('--lang', 'fr'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--lang fr');
  });

  it('only en and ko exactly: --lang KO and --lang "" exit 2 too', async () => {
    for (const value of ['KO', '']) {
      const r = await cli(diagnose('--lang', value));
      expect(r.code, value).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('--json under --lang ko keeps English summaries for scripts', async () => {
    const r = await cli(diagnose('--lang', 'ko', '--json'));
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d.summary).toBe(`Nothing listens on port ${closed} on the server.`);
    expect(r.stdout).not.toMatch(HANGUL);
    // Evidence keeps its English summary and adds the message for other languages.
    const connect = d.evidence.find((e) => e.probe === 'connect' && e.vantage === 'client');
    expect(connect?.summary).toBe(`127.0.0.1:${closed}: refused (ECONNREFUSED)`);
    expect(connect?.message).toMatchObject({
      id: 'evidence.connect.one',
      params: { where: `127.0.0.1:${closed}`, result: 'refused' },
    });
  });
});
