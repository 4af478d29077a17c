import { type BrowserWindow, Menu, type MenuItemConstructorOptions, shell } from 'electron';
import type { MenuCommand } from '../api/contract/events.js';

export interface MenuActions {
  newStore(): void;
  openStore(): void;
  /** Picks a go-micro file store folder and opens it read-only. */
  openGoMicroStore(): void;
  openRecent(path: string): void;
  closeStore(): void;
  /** Reopens the open store read-only, or writable again. */
  toggleReadOnly(): void;
  /** Commands the renderer carries out (import, export, new record, find). */
  send(command: MenuCommand): void;
}

export interface MenuState {
  recentFiles: string[];
  readOnly: boolean;
}

/** File, Edit, View and Help, with the usual accelerators. Rebuilt when its state changes. */
export function buildAppMenu(
  actions: MenuActions,
  { recentFiles, readOnly }: MenuState,
  window: () => BrowserWindow | undefined,
) {
  const recent: MenuItemConstructorOptions[] =
    recentFiles.length === 0
      ? [{ label: 'No Recent Stores', enabled: false }]
      : recentFiles.map((path) => ({ label: path, click: () => actions.openRecent(path) }));
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'New Store…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newStore },
        { label: 'Open Store…', accelerator: 'CmdOrCtrl+O', click: actions.openStore },
        { label: 'Open go-micro Store…', click: actions.openGoMicroStore },
        { label: 'Open Connection…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.send('open-connection') },
        { label: 'Open Recent', submenu: recent },
        { type: 'separator' },
        { label: 'New Record', accelerator: 'CmdOrCtrl+N', click: () => actions.send('new-record') },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => actions.send('import') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.send('export') },
        { label: 'Copy to Another Store…', click: () => actions.send('copy-to-store') },
        { type: 'separator' },
        { label: 'Close Store', accelerator: 'CmdOrCtrl+W', click: actions.closeStore },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Find', accelerator: 'CmdOrCtrl+F', click: () => actions.send('find') },
        { label: 'Read-Only Mode', type: 'checkbox', checked: readOnly, click: actions.toggleReadOnly },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(process.env.ELECTRON_RENDERER_URL ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
    {
      role: 'help',
      submenu: [
        {
          label: 'go-micro Store documentation',
          click: () => void shell.openExternal('https://go-micro.dev/docs/store/'),
        },
        { label: 'Reload Window', click: () => window()?.reload() },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
