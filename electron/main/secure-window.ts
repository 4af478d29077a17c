import { join } from 'node:path';
import { BrowserWindow, type Rectangle, session, shell } from 'electron';
import { APP_ORIGIN } from './app-protocol.js';

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
  return url.startsWith(`${APP_ORIGIN}/`) || (devServer !== undefined && url.startsWith(devServer));
}
