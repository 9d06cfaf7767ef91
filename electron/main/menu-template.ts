import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu as data: a pure function (no Electron at run time) so it can be
 * tested without the Electron binary. Production builds have no reload and no DevTools —
 * a reload would drop the diagnosis in progress and DevTools would open the renderer to
 * anyone at the keyboard; dev builds keep Electron's standard View menu.
 */
export function menuTemplate(opts: {
  isMac: boolean;
  /** A development build (electron-vite dev server). */
  dev: boolean;
  openProjectPage: () => void;
}): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = opts.dev
    ? { role: 'viewMenu' }
    : {
        label: 'View',
        submenu: [
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { type: 'separator' },
          { role: 'togglefullscreen' },
        ],
      };
  return [
    ...(opts.isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'ConnDoctor on GitHub', click: opts.openProjectPage }],
    },
  ];
}
