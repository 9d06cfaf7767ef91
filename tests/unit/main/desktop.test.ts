import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchQuery, parseLaunchArgs } from '../../../electron/main/desktop/launch-target';
import {
  MENU_COMMANDS,
  menuTemplate,
  rolesOf,
  type MenuItemSpec,
} from '../../../electron/main/desktop/menu-template';
import { defaultReportName, reportFile } from '../../../electron/main/desktop/report-file';
import { notificationMessage, shouldNotify } from '../../../electron/main/desktop/notify';
import {
  dataDir,
  readWindowBounds,
  writeWindowBounds,
} from '../../../electron/main/desktop/settings-file';
import { clampBounds, DEFAULT_SIZE } from '../../../electron/main/desktop/window-bounds';
import { hasMessage } from '../../../shared/i18n/translate';
import { prefillFromQuery } from '../../../renderer/src/prefill';

/** The desktop integration's logic, in Node: no electron import in any of these modules. */

describe('launch arguments (--target HOST:PORT [--ssh DEST])', () => {
  const exe = ['/opt/ConnDoctor/conndoctor-app', '--no-sandbox'];
  it('reads both spellings anywhere in a full command line', () => {
    expect(parseLaunchArgs([...exe, '--target', 'db.internal:5432'])).toEqual({
      ok: true,
      value: { target: { host: 'db.internal', port: 5432 }, ssh: null },
    });
    expect(
      parseLaunchArgs(['electron', '.', '--target=[::1]:22', '--ssh=admin@[fe80::1]:2222']),
    ).toEqual({
      ok: true,
      value: { target: { host: '::1', port: 22 }, ssh: 'admin@[fe80::1]:2222' },
    });
  });
  it('asks for nothing without --target; refuses bad input instead of guessing', () => {
    expect(parseLaunchArgs(exe)).toEqual({ ok: true, value: null });
    expect(parseLaunchArgs([...exe, '--ssh', 'admin@db'])).toMatchObject({ ok: false });
    expect(parseLaunchArgs([...exe, '--target', '::1:22'])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/bare IPv6/) as string,
    });
    expect(parseLaunchArgs([...exe, '--target', 'a;rm -rf:22'])).toMatchObject({ ok: false });
    expect(parseLaunchArgs([...exe, '--target', 'h:1', '--ssh', 'bad user@h'])).toMatchObject({
      ok: false,
    });
  });
  it('becomes the page query the renderer prefills from, and back', () => {
    const parsed = parseLaunchArgs([...exe, '--target', '[::1]:8080', '--ssh', 'root@srv']);
    if (!parsed.ok) throw new Error(parsed.error);
    const q = launchQuery(parsed.value);
    expect(q).toBe('?target=%5B%3A%3A1%5D%3A8080&ssh=root%40srv');
    expect(prefillFromQuery(q)).toEqual({
      target: { host: '::1', port: 8080 },
      ssh: 'root@srv',
      seq: 0,
    });
    expect(launchQuery(null)).toBe('');
    expect(prefillFromQuery('?target=nope')).toBeNull();
  });
});

describe('window bounds', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 900 };
  const right = { x: 1440, y: 0, width: 1920, height: 1080 };
  it('keeps bounds that are visible', () => {
    const b = { x: 1600, y: 100, width: 1000, height: 700, maximized: true };
    expect(clampBounds(b, [laptop, right])).toEqual(b);
  });
  it('brings back a window saved on a display since unplugged, centred on the primary', () => {
    const b = clampBounds({ x: 2000, y: 100, width: 1000, height: 700, maximized: false }, [
      laptop,
    ]);
    expect(b).toEqual({
      x: (1440 - DEFAULT_SIZE.width) / 2,
      y: (900 - DEFAULT_SIZE.height) / 2,
      ...DEFAULT_SIZE,
      maximized: false,
    });
  });
  it('shrinks a window larger than its display and moves it inside', () => {
    expect(
      clampBounds({ x: -50, y: 10, width: 3000, height: 2000, maximized: false }, [laptop]),
    ).toEqual({ x: 0, y: 0, width: 1440, height: 900, maximized: false });
  });
  it('starts centred without saved bounds or with garbage', () => {
    expect(clampBounds(null, [right]).x).toBe(1440 + (1920 - DEFAULT_SIZE.width) / 2);
    expect(
      clampBounds({ x: Number.NaN, y: 0, width: 800, height: 600, maximized: false }, [laptop]),
    ).toMatchObject({ width: DEFAULT_SIZE.width });
  });
});

describe('settings.json (window bounds)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conndoctor-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('writes atomically, keeps other settings, reads back; a corrupt file reads as none', () => {
    expect(readWindowBounds(dir)).toBeNull();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'ko' }));
    const b = { x: 10, y: 20, width: 900, height: 700, maximized: false };
    writeWindowBounds(dir, b);
    expect(readWindowBounds(dir)).toEqual(b);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({
      language: 'ko',
      window: b,
    });
    writeFileSync(join(dir, 'settings.json'), '{"window": {"x": "left"');
    expect(readWindowBounds(dir)).toBeNull();
  });
  it('lives in the one data directory', () => {
    expect(dataDir({ CONNDOCTOR_DATA_DIR: '/d' }, 'linux')).toBe('/d');
    expect(dataDir({ XDG_DATA_HOME: '/x' }, 'linux')).toBe(join('/x', 'conndoctor'));
  });
});

describe('notification when a long diagnosis finishes in the background', () => {
  const base = {
    durationMs: 12_000,
    windowFocused: false,
    windowVisible: true,
    windowMinimized: false,
    supported: true,
  };
  it('notifies only long runs the user is not watching', () => {
    expect(shouldNotify(base)).toBe(true);
    expect(shouldNotify({ ...base, windowFocused: true })).toBe(false);
    expect(shouldNotify({ ...base, windowFocused: true, windowMinimized: true })).toBe(true);
    expect(shouldNotify({ ...base, durationMs: 800 })).toBe(false);
    expect(shouldNotify({ ...base, supported: false })).toBe(false);
  });
  it('speaks in catalogue messages (en and ko)', () => {
    const m = notificationMessage('firewall-drop', 'db:5432');
    for (const id of [m.title.id, m.body.id, notificationMessage('ok', 'x:1').body.id]) {
      expect(hasMessage(id, 'en')).toBe(true);
      expect(hasMessage(id, 'ko')).toBe(true);
    }
  });
});

describe('application menu', () => {
  const commands = (items: readonly MenuItemSpec[]): MenuItemSpec[] =>
    items.flatMap((i) => [...(i.command ? [i] : []), ...commands(i.submenu ?? [])]);
  it('has no DevTools and no reload in production builds, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const roles = rolesOf(menuTemplate({ platform, dev: false }));
      expect(roles).not.toContain('toggleDevTools');
      expect(roles).not.toContain('reload');
      expect(roles).not.toContain('forceReload');
      expect(roles).not.toContain('viewMenu' as never); // the stock View menu holds DevTools
    }
    expect(rolesOf(menuTemplate({ platform: 'linux', dev: true }))).toContain('toggleDevTools');
  });
  it('offers new diagnosis, export report, history and quit with accelerators', () => {
    const linux = menuTemplate({ platform: 'linux', dev: false });
    expect(commands(linux).map((c) => [c.command, c.accelerator])).toEqual([
      ['diagnosis.new', 'CmdOrCtrl+N'],
      ['report.export', 'CmdOrCtrl+E'],
      ['history.show', 'Ctrl+H'],
    ]);
    expect(commands(linux).map((c) => c.command)).toEqual([...MENU_COMMANDS]);
    expect(rolesOf(linux)).toContain('quit');
    expect(rolesOf(menuTemplate({ platform: 'darwin', dev: false }))).toContain('appMenu');
    const limited = menuTemplate({ platform: 'linux', dev: false, available: ['diagnosis.new'] });
    expect(commands(limited).map((c) => c.enabled)).toEqual([true, false, false]);
  });
});

describe('Export Report… file', () => {
  const d = {
    target: { host: '::1', port: 22, addresses: ['::1'] },
    outcome: 'refused',
    cause: 'not-listening' as const,
    confidence: 'high',
    summary: 'nothing listens on port 22',
    evidence: [],
    ruledOut: [],
    alsoFound: [],
    rule: null,
    fix: null,
    alternatives: [],
    verified: null,
    durationMs: 4,
  };
  const opts = { lang: 'ko' as const, generatedAt: '2026-12-03T08:00:00Z', appVersion: '0.1.0' };
  it('names the file and renders by extension; PDF is printed from the HTML', () => {
    expect(defaultReportName(d)).toBe('conndoctor-__1-22.pdf');
    expect(defaultReportName({ ...d, sessionId: '20261203T081500Z-3fa9c1' })).toBe(
      'conndoctor-20261203T081500Z-3fa9c1.pdf',
    );
    const pdf = reportFile(d, '/tmp/r.PDF', opts);
    expect(pdf.kind === 'pdf' && pdf.html.startsWith('<!doctype html>\n<html lang="ko">')).toBe(
      true,
    );
    const md = reportFile(d, '/tmp/r.md', opts);
    expect(md.kind === 'text' && md.content.startsWith('# ConnDoctor 보고서: \\[::1\\]:22')).toBe(
      true,
    );
    expect(reportFile(d, '/tmp/report', opts)).toMatchObject({ path: '/tmp/report.html' });
  });
});
