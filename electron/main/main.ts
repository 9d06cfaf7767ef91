import { app } from 'electron';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { setupIpc } from './ipc.handlers';
import { setupMenu } from './menu';
import { setupSecurity } from './security';
import { createMainWindow, getMainWindow } from './window';

/**
 * The desktop app's entry: thin glue. Each feature module registers its own handlers;
 * the engine does the work.
 */

function onReady(): void {
  setupAppProtocol();
  setupSecurity();
  setupMenu();
  setupIpc();
  createMainWindow();
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = getMainWindow();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(onReady);
}
