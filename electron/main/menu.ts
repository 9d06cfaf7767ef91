import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuCommand, type MenuItemSpec } from './desktop/menu-template';
import { openExternalChecked } from './security';

/**
 * The application menu: the template of `desktop/menu-template.ts` (no DevTools or reload
 * in production builds), its commands sent to the window as `app.menu` events.
 */

function toElectron(
  item: MenuItemSpec,
  onCommand: (c: MenuCommand) => void,
): MenuItemConstructorOptions {
  const { command, link, submenu, ...rest } = item;
  return {
    ...rest,
    ...(command !== undefined ? { click: () => onCommand(command) } : {}),
    ...(link !== undefined ? { click: () => openExternalChecked(link) } : {}),
    ...(submenu !== undefined ? { submenu: submenu.map((s) => toElectron(s, onCommand)) } : {}),
  };
}

/** Sets the application menu; `onCommand` performs the app commands. */
export function setupMenu(onCommand: (c: MenuCommand) => void): void {
  const template = menuTemplate({
    platform: process.platform,
    dev: !app.isPackaged,
    // History arrives with the session store; until then it is shown disabled.
    available: ['diagnosis.new', 'report.export'],
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template.map((i) => toElectron(i, onCommand))));
}
