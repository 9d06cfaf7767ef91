import { Menu, type MenuItemConstructorOptions } from 'electron';
import { openExternalChecked } from './security';

/** The standard application menu (roles only), plus a help link to the project page. */
export function setupMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'ConnDoctor on GitHub',
          click: () => openExternalChecked('https://github.com/conndoctor/conndoctor'),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
