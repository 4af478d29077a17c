/**
 * The Electron main process: one window, one open store, the contract's calls over IPC. Thin by
 * design: everything it serves lives in electron/api and electron/store, tested without Electron.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, ipcMain, Menu, safeStorage } from 'electron';
import { DEFAULT_STORE_FILE } from '../api/app-paths.js';
import { ChangeWatcher } from '../api/change-watcher.js';
import type { ApiEvent, MenuCommand } from '../api/contract/events.js';
import { EVENT_CHANNEL } from '../api/contract/events.js';
import { DROPPED_FILE_CHANNEL } from '../api/contract/file-schemas.js';
import { fail, ok } from '../api/contract/results.js';
import { createDispatch } from '../api/dispatch.js';
import { FileGrants } from '../api/file-grants.js';
import { defaultGoMicroFolder } from '../api/gomicro-locations.js';
import { createHandlers, type SavePurpose } from '../api/handlers.js';
import { StoreSession } from '../api/store-session.js';
import { buildAppMenu } from './app-menu.js';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol.js';
import { SettingsFile } from './app-settings.js';
import { registerIpcHandlers } from './ipc-bridge.js';
import { SavedConnections, safeStorageCipher } from './saved-connections.js';
import { createSecureWindow, denyAllPermissions, isOwnUrl } from './secure-window.js';

const here = dirname(fileURLToPath(import.meta.url));
const session = new StoreSession(process.argv.includes('--read-only'));
const settings = new SettingsFile(app.getPath('userData'));
/** The files the page may use: only what a native dialog or a drop gave it (see docs/file-access.md). */
const grants = new FileGrants();
let mainWindow: BrowserWindow | undefined;

function emit(event: ApiEvent): void {
  mainWindow?.webContents.send(EVENT_CHANNEL, event);
}

/** The store named on the command line (after the flags), if any. */
function pathFromArgs(argv: string[]): string | undefined {
  return argv.slice(app.isPackaged ? 1 : 2).find((arg) => !arg.startsWith('-') && arg !== '.');
}

async function openStore(path: string, readOnly = false): Promise<void> {
  try {
    await session.open(path, readOnly);
    settings.addRecent(path);
    refreshMenu();
    emit({ type: 'store-opened', path });
  } catch (error) {
    dialog.showErrorBox('The store could not be opened', error instanceof Error ? error.message : String(error));
  }
}

function refreshMenu(): void {
  const state = { recentFiles: settings.load().recentFiles, readOnly: session.readOnly };
  Menu.setApplicationMenu(buildAppMenu(menuActions, state, () => mainWindow));
}

const menuActions = {
  newStore: async () => {
    const choice = await dialog.showSaveDialog({ title: 'New Store', defaultPath: 'store.db' });
    if (!choice.canceled && choice.filePath) await openStore(choice.filePath);
  },
  openStore: async () => {
    const choice = await dialog.showOpenDialog({ title: 'Open Store', properties: ['openFile'] });
    const [path] = choice.filePaths;
    if (!choice.canceled && path !== undefined) await openStore(path);
  },
  /** A go-micro store folder, opened read-only; the picker starts where go-micro keeps its stores. */
  openGoMicroStore: async () => {
    const path = await chooseFolder(defaultGoMicroFolder());
    if (path !== undefined) await openStore(path, true);
  },
  openRecent: (path: string) => void openStore(path),
  closeStore: async () => {
    await session.close();
    emit({ type: 'store-opened', path: null });
  },
  toggleReadOnly: async () => {
    const target = session.connection;
    if (target === undefined) return refreshMenu();
    if (target.kind === 'path') return openStore(target.path, !session.readOnly);
    // A server (store.connect): the same connection again, its password kept by the session.
    try {
      await session.connect(target, !session.readOnly);
      emit({ type: 'store-opened', path: target.display });
    } catch (error) {
      dialog.showErrorBox('The store could not be reopened', error instanceof Error ? error.message : String(error));
    }
    refreshMenu();
  },
  send: (command: MenuCommand) => emit({ type: 'menu', command }),
};

async function chooseOpenPath(): Promise<string | undefined> {
  const choice = await dialog.showOpenDialog({
    title: 'Import Records',
    properties: ['openFile'],
    filters: [{ name: 'Records (JSON, JSON lines, store dump)', extensions: ['json', 'ndjson', 'jsonl', 'dump'] }],
  });
  return choice.canceled ? undefined : choice.filePaths[0];
}

async function chooseFolder(defaultPath: string | undefined): Promise<string | undefined> {
  const choice = await dialog.showOpenDialog({
    title: 'Open go-micro Store',
    properties: ['openDirectory'],
    ...(defaultPath === undefined ? {} : { defaultPath }),
  });
  return choice.canceled ? undefined : choice.filePaths[0];
}

const SAVE_TITLES: Record<SavePurpose, string> = { value: 'Save Value', export: 'Export To' };

/** The native save dialog asks before replacing a file: that is the user's overwrite choice. */
async function chooseSavePath(suggestedName: string, purpose: SavePurpose): Promise<string | undefined> {
  const choice = await dialog.showSaveDialog({ title: SAVE_TITLES[purpose], defaultPath: suggestedName });
  return choice.canceled ? undefined : choice.filePath;
}

/** A file the user dropped on our window: the preload read its path from the File object; it becomes a read grant. */
function registerDroppedFiles(): void {
  ipcMain.handle(DROPPED_FILE_CHANNEL, (event, path: unknown) => {
    const fromOurPage = event.sender === mainWindow?.webContents && isOwnUrl(event.senderFrame?.url ?? '');
    if (!fromOurPage || typeof path !== 'string' || path === '') {
      return fail('invalid-argument', 'only a file dropped on the Store Inspector window can be imported this way');
    }
    try {
      return ok(grants.grant(path, 'read'));
    } catch (error) {
      return fail('invalid-argument', error instanceof Error ? error.message : String(error));
    }
  });
}

function createMainWindow(): BrowserWindow {
  const window = createSecureWindow(join(here, '../preload'), settings.load().windowBounds);
  window.on('close', () => settings.saveBounds(window.getBounds()));
  window.on('closed', () => {
    mainWindow = undefined;
  });
  const devServer = process.env.ELECTRON_RENDERER_URL;
  void (devServer ? window.loadURL(devServer) : window.loadURL(`${APP_ORIGIN}/index.html`));
  return window;
}

async function start(): Promise<void> {
  denyAllPermissions();
  serveRenderer(join(here, '../renderer'));
  registerIpcHandlers(
    createDispatch(
      createHandlers(session, {
        host: { chooseSavePath, chooseOpenPath, chooseFolder },
        emit,
        grants,
        connections: new SavedConnections(app.getPath('userData'), safeStorageCipher(safeStorage)),
      }),
      session,
    ),
    (contents) => contents === mainWindow?.webContents,
    () => session.identity.storeId,
  );
  registerDroppedFiles();
  new ChangeWatcher(session, emit).start();
  refreshMenu();
  const initial = pathFromArgs(process.argv) ?? join(app.getPath('userData'), DEFAULT_STORE_FILE);
  mkdirSync(dirname(initial), { recursive: true });
  await openStore(initial);
  mainWindow = createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // A second launch hands its file to the running window and quits.
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', (_event, argv) => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
    const path = pathFromArgs(argv);
    if (path !== undefined) void openStore(path);
  });
  app.on('window-all-closed', () => {
    void session.close().then(() => app.quit());
  });
  app.on('activate', () => {
    mainWindow ??= createMainWindow();
  });
  void app.whenReady().then(start);
}
