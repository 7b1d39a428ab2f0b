import { shortcut } from '../../shared/shortcuts';
import type { MenuCommand } from '../../shared/contract/contract';

/**
 * The application menu as data (electron/menu.ts builds it): File, Edit, View, Window, Help as desktop users
 * expect, with the accelerators of the shortcuts the page already has (shared/shortcuts.ts). Plain, so the
 * structure is tested without Electron; the types are the slice of Electron's MenuItemConstructorOptions used here.
 */

export type MenuRole =
  | 'appMenu'
  | 'editMenu'
  | 'windowMenu'
  | 'help'
  | 'close'
  | 'quit'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen';

export interface MenuItem {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  /** false: the page handles the key; the menu only shows it (Windows, Linux). */
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

export interface MenuActions {
  /** A command the page carries out (it has the screens): new case, import, export, the shortcuts dialog. */
  send(command: MenuCommand): void;
  openDataFolder(): void;
  openLogsFolder(): void;
  showAbout(): void;
}

export interface MenuFacts {
  isMac: boolean;
  /** Reload and developer tools only while developing (not packaged). */
  development: boolean;
}

/**
 * The accelerator of a page shortcut, shown but not registered: the page's own key handler does the work, so a
 * key typed into a field ("?") is never taken by the menu. macOS has no unregistered accelerators and key
 * equivalents need a modifier there, so a bare key is not put on its menu.
 */
function pageShortcut(id: string, isMac: boolean): Pick<MenuItem, 'accelerator' | 'registerAccelerator'> {
  const accelerator = shortcut(id).accelerator;
  if (!accelerator || (isMac && !accelerator.includes('+'))) return {};
  return { accelerator, registerAccelerator: false };
}

export function menuTemplate(facts: MenuFacts, actions: MenuActions): MenuItem[] {
  const { isMac, development } = facts;
  const sep: MenuItem = { type: 'separator' };
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New case', ...pageShortcut('new-case', isMac), click: () => actions.send('new-case') },
        { label: 'Import imaging...', click: () => actions.send('import-imaging') },
        { label: 'Export meeting...', click: () => actions.send('export-meeting') },
        sep,
        { label: 'Open data folder', click: actions.openDataFolder },
        sep,
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Search cases', ...pageShortcut('search', isMac), click: () => actions.send('search') },
        sep,
        ...(development
          ? [{ role: 'reload' as const }, { role: 'forceReload' as const }, { role: 'toggleDevTools' as const }, sep]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        sep,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      label: '&Help',
      submenu: [
        { label: 'Keyboard shortcuts', ...pageShortcut('shortcuts', isMac), click: () => actions.send('shortcuts') },
        { label: 'Open logs folder', click: actions.openLogsFolder },
        sep,
        { label: 'About BoardPrep', click: actions.showAbout },
      ],
    },
  ];
}
