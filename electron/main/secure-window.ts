import { join } from 'node:path';
import { BrowserWindow, dialog, type Rectangle, session, shell } from 'electron';
import { APP_ORIGIN } from './app-protocol.js';
import { isOnOrigin } from './own-origin.js';

/**
 * A window set up by Electron's security checklist: isolated, sandboxed, no Node in the page,
 * no navigation away, no new windows, no permissions, content only from our own origin.
 */
export function createSecureWindow(preloadDir: string, bounds: Partial<Rectangle> | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    ...bounds,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Store Inspector',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The page refuses to unload while an edit is unsaved; Electron then closes nothing and says
  // nothing, so ask here, as a browser would.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Discard Changes and Close', 'Keep Editing'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'A record has unsaved changes.',
      detail: 'Closing now loses them.',
    });
    if (choice === 0) event.preventDefault();
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  return window;
}

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Our pages: the built renderer, or the dev server electron-vite starts in `npm run dev`. */
export function isOwnUrl(url: string): boolean {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  return isOnOrigin(url, APP_ORIGIN) || (devServer !== undefined && isOnOrigin(url, devServer));
}
