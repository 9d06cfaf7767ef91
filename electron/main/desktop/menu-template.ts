/**
 * The application menu as data: a pure function of the platform and the build, so the
 * rules are tested in Node — standard menus with accelerators (New Diagnosis, Export
 * Report, History, Quit) and no DevTools or reload in production builds. The glue maps
 * `command` items to their actions and passes the rest to `Menu.buildFromTemplate`.
 * No electron import: the shapes below are a subset of `MenuItemConstructorOptions`.
 */

/** App commands the menu can trigger (sent to the window as `app.menu` events). */
export const MENU_COMMANDS = ['diagnosis.new', 'report.export', 'history.show'] as const;
/** One app command. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Electron menu roles used here. */
export type MenuRole =
  | 'appMenu'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'windowMenu'
  | 'help'
  | 'about';

/** One menu item as data. */
export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  /** An app command (clicked → sent to the window); exclusive with `role`. */
  command?: MenuCommand;
  /** An allow-listed https page to open in the system browser. */
  link?: string;
  enabled?: boolean;
  submenu?: MenuItemSpec[];
}

/** What the template depends on. */
export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development build (`npm run dev`, unpackaged): DevTools and reload allowed. */
  dev: boolean;
  /** Labels in the user's language (English defaults). */
  labels?: Partial<Record<'file' | 'edit' | 'view' | 'help' | MenuCommand, string>>;
  /** Commands the window can perform now (others are shown disabled). */
  available?: readonly MenuCommand[];
}

const SEP: MenuItemSpec = { type: 'separator' };

/** The application menu for one platform and build. */
export function menuTemplate(opts: MenuOptions): MenuItemSpec[] {
  const mac = opts.platform === 'darwin';
  const l = opts.labels ?? {};
  const available = new Set(opts.available ?? MENU_COMMANDS);
  const cmd = (command: MenuCommand, fallback: string, accelerator: string): MenuItemSpec => ({
    label: l[command] ?? fallback,
    command,
    accelerator,
    enabled: available.has(command),
  });
  const file: MenuItemSpec = {
    label: l.file ?? '&File',
    submenu: [
      cmd('diagnosis.new', 'New Diagnosis', 'CmdOrCtrl+N'),
      cmd('report.export', 'Export Report…', 'CmdOrCtrl+E'),
      // Cmd+H hides the app on macOS; Safari's history is Cmd+Y.
      cmd('history.show', 'History', mac ? 'Cmd+Y' : 'Ctrl+H'),
      SEP,
      mac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };
  const edit: MenuItemSpec = {
    label: l.edit ?? '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      SEP,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemSpec = {
    label: l.view ?? '&View',
    submenu: [
      ...(opts.dev
        ? [
            { role: 'reload' as const },
            { role: 'forceReload' as const },
            { role: 'toggleDevTools' as const },
            SEP,
          ]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      SEP,
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemSpec = {
    role: 'help',
    label: l.help ?? '&Help',
    submenu: [{ label: 'ConnDoctor on GitHub', link: 'https://github.com/conndoctor/conndoctor' }],
  };
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    file,
    edit,
    view,
    { role: 'windowMenu' },
    help,
  ];
}

/** Every role in a template, nested menus included (for checks). */
export function rolesOf(items: readonly MenuItemSpec[]): MenuRole[] {
  return items.flatMap((i) => [...(i.role ? [i.role] : []), ...rolesOf(i.submenu ?? [])]);
}
