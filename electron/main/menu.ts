import { Menu } from 'electron';
import { menuTemplate } from './menu-template';
import { openExternalChecked } from './security';

/** The application menu (roles only), plus a help link to the project page. */
export function setupMenu(): void {
  const template = menuTemplate({
    isMac: process.platform === 'darwin',
    // The same signal window.ts uses: electron-vite's dev server sets it.
    dev: Boolean(process.env.ELECTRON_RENDERER_URL),
    openProjectPage: () => openExternalChecked('https://github.com/conndoctor/conndoctor'),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
