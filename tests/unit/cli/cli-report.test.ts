import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../../shared/evidence';

/** `diagnose --report FILE` with the built CLI against a real closed port on 127.0.0.1. */

const root = join(import.meta.dirname, '..', '..', '..');
let tmp: string;
let closed: number;

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'conndoctor.js'), ...args],
      { cwd: root, timeout: 30_000, env: { ...process.env, NO_COLOR: '1', ...env } },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const a = s.address();
  closed = a !== null && typeof a === 'object' ? a.port : 0;
  await new Promise<void>((r) => s.close(() => r()));
  tmp = mkdtempSync(join(tmpdir(), 'conndoctor-report-'));
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('conndoctor diagnose --report FILE', () => {
  it('.json: the same Diagnosis as --json prints; stdout unchanged', async () => {
    const file = join(tmp, 'd.json');
    const r = await cli([
      'diagnose',
      `127.0.0.1:${closed}`,
      '--json',
      '--report',
      file,
      '--no-history',
    ]);
    expect(r.code).toBe(1);
    const printed = DiagnosisSchema.parse(JSON.parse(r.stdout));
    const written = DiagnosisSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(written).toEqual(printed);
    expect(written.cause).toBe('not-listening');
  });

  it('.md and .html in the environment language (ko), self-contained HTML', async () => {
    const md = join(tmp, 'r.md');
    const html = join(tmp, 'r.html');
    const env = { LC_ALL: '', LC_MESSAGES: '', LANG: 'ko_KR.UTF-8' };
    expect((await cli(['diagnose', `127.0.0.1:${closed}`, '--report', md], env)).code).toBe(1);
    expect((await cli(['diagnose', `127.0.0.1:${closed}`, '--report', html], env)).code).toBe(1);
    expect(readFileSync(md, 'utf8')).toMatch(
      new RegExp(
        `^# ConnDoctor 보고서: 127\\.0\\.0\\.1:${closed}\\n[\\s\\S]*수신 대기하는 프로그램이 없습니다`,
      ),
    );
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>\n<html lang="ko">/);
    expect(page).toContain('data-cause="not-listening"');
    expect(page).not.toMatch(/<script|<link|<[a-z][^>]*\s(src|href)=/i);
  });

  it('another extension is bad usage: exit 2, nothing written, stdout empty', async () => {
    const file = join(tmp, 'r.pdf');
    const r = await cli(['diagnose', `127.0.0.1:${closed}`, '--report', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--report .*\.md, \.html or \.json/);
    expect(existsSync(file)).toBe(false);
  });
});
