import { app } from 'electron';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { launchQuery, parseLaunchArgs, type LaunchTarget } from './desktop/launch-target';
import { sendToWindow, setupIpc } from './ipc.handlers';
import { setupMenu } from './menu';
import { setupSecurity } from './security';
import { createMainWindow, getMainWindow } from './window';

/**
 * The desktop app's entry: thin glue. Each feature module registers its own handlers;
 * the engine does the work. One instance: a second launch focuses this window and hands
 * over its `--target HOST:PORT [--ssh DEST]`, which only prefills the form.
 */

function launchTarget(argv: readonly string[]): LaunchTarget | null {
  const parsed = parseLaunchArgs(argv);
  if (!parsed.ok) {
    console.error(`ConnDoctor: ignored: ${parsed.error}`);
    return null;
  }
  return parsed.value;
}

function onReady(): void {
  setupAppProtocol();
  setupSecurity();
  setupMenu((command) => sendToWindow('app.menu', { command }));
  setupIpc();
  createMainWindow(launchQuery(launchTarget(process.argv)));
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const win = getMainWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    const handed = launchTarget(argv);
    if (handed !== null) sendToWindow('app.target', handed);
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(onReady);
}
