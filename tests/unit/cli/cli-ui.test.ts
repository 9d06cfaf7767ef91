import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/** `conndoctor ui` as a child process: one URL line, a real HTTP server behind it, SIGINT ends it. */

const root = join(import.meta.dirname, '..', '..', '..');
let rendererDir: string;

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  // A stand-in renderer build, so the test does not depend on `npm run build`.
  rendererDir = mkdtempSync(join(tmpdir(), 'conndoctor-ui-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ConnDoctor</title>');
}, 60_000);

afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

function runUi(args: string[]) {
  const child = spawn(process.execPath, [join(root, 'bin', 'conndoctor.js'), 'ui', ...args], {
    cwd: root,
    env: { ...process.env, CONNDOCTOR_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no URL line; stderr: ${stderr}`)), 15_000);
    child.stdout.on('data', () => {
      const nl = stdout.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(t);
        resolve(stdout.slice(0, nl));
      }
    });
  });
  return { child, firstLine, exited, out: () => stdout };
}

describe('conndoctor ui', () => {
  it('prints exactly one URL line, serves the page with the token, ends on SIGINT', async () => {
    const ui = runUi(['--no-open']);
    try {
      const line = await ui.firstLine;
      expect(line).toMatch(/^ConnDoctor UI: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
      const url = line.replace('ConnDoctor UI: ', '');
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('ConnDoctor');
      const noToken = await fetch(new URL('/', url));
      expect(noToken.status).toBe(403);
    } finally {
      ui.child.kill('SIGINT');
    }
    expect(await ui.exited).toBe(0);
    expect(ui.out().trimEnd().split('\n')).toHaveLength(1);
  });

  it('app.info reports the version of package.json (the bundle and its chunks alike)', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).not.toBe('0.0.0');
    const ui = runUi(['--no-open']);
    try {
      const url = new URL((await ui.firstLine).replace('ConnDoctor UI: ', ''));
      const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}`, {
        origin: `http://${url.host}`,
      });
      await new Promise((r, j) => ws.once('open', r).once('error', j));
      const answer = new Promise<unknown>((r) =>
        ws.once('message', (d: WebSocket.RawData) => r(JSON.parse((d as Buffer).toString('utf8')))),
      );
      ws.send(JSON.stringify({ id: 1, channel: 'app.info', payload: {} }));
      expect(await answer).toMatchObject({
        id: 1,
        result: { ok: true, value: { version: pkg.version, mode: 'browser' } },
      });
      ws.close();
    } finally {
      ui.child.kill('SIGINT');
    }
    await ui.exited;
    const v = execFileSync(process.execPath, [join(root, 'bin', 'conndoctor.js'), '--version']);
    expect(v.toString().trim()).toBe(pkg.version);
  });

  it('--target prefills: the one URL line carries it, the page is served with it', async () => {
    const ui = runUi(['--no-open', '--target', '[::1]:8080']);
    try {
      const line = await ui.firstLine;
      expect(line).toMatch(/^ConnDoctor UI: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+&target=\S+$/);
      const url = new URL(line.replace('ConnDoctor UI: ', ''));
      expect(url.searchParams.get('target')).toBe('[::1]:8080');
      expect((await fetch(url)).status).toBe(200);
    } finally {
      ui.child.kill('SIGINT');
    }
    expect(await ui.exited).toBe(0);
  });

  it('a bad --target is bad usage (exit 2), nothing served', async () => {
    const ui = runUi(['--no-open', '--target', 'no-port-here']);
    expect(await ui.exited).toBe(2);
    expect(ui.out()).toBe('');
  });

  it('a bad --port is bad usage (exit 2)', async () => {
    const ui = runUi(['--port', '99999', '--no-open']);
    expect(await ui.exited).toBe(2);
    expect(ui.out()).toBe('');
  });
});
