import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/main/menu-template';

/** The menu as data: production offers neither reload nor DevTools; dev keeps them. */

/** Every role in the menu, submenus included (Electron's viewMenu role holds reload and DevTools). */
function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => [
    ...(i.role ? [i.role.toLowerCase()] : []),
    ...(Array.isArray(i.submenu) ? roles(i.submenu) : []),
  ]);
}

const DEV_ONLY = ['reload', 'forcereload', 'toggledevtools', 'viewmenu'];

describe('application menu', () => {
  for (const isMac of [false, true]) {
    it(`production (${isMac ? 'macOS' : 'Linux/Windows'}): no reload, no DevTools`, () => {
      const r = roles(menuTemplate({ isMac, dev: false, openProjectPage: () => undefined }));
      for (const role of DEV_ONLY) expect(r).not.toContain(role);
      expect(r).toEqual(expect.arrayContaining(['editmenu', 'zoomin', 'togglefullscreen']));
    });
  }

  it('dev builds keep the standard View menu (reload, DevTools)', () => {
    const r = roles(menuTemplate({ isMac: false, dev: true, openProjectPage: () => undefined }));
    expect(r).toContain('viewmenu');
  });
});
