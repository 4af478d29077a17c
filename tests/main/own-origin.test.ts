/**
 * The desktop window trusts (for IPC and navigation) only its own origin and, in `npm run dev`, the
 * dev server's: the exact origin, never a URL that merely starts with the same text.
 */
import { describe, expect, it } from 'vitest';
import { isOnOrigin } from '../../electron/main/own-origin.js';

const DEV_SERVER = 'http://localhost:5173';
const APP = 'app://store-inspector';

describe('isOnOrigin', () => {
  it('accepts pages of the dev server and of the app protocol', () => {
    for (const url of [`${DEV_SERVER}/`, `${DEV_SERVER}/index.html?x=1#y`, `${DEV_SERVER}`]) {
      expect(isOnOrigin(url, DEV_SERVER), url).toBe(true);
    }
    // The dev server's URL as electron-vite sets it may carry a path or a trailing slash.
    expect(isOnOrigin(`${DEV_SERVER}/index.html`, `${DEV_SERVER}/`)).toBe(true);
    expect(isOnOrigin(`${APP}/index.html`, APP)).toBe(true);
  });

  it('refuses look-alikes that start with the same text, other ports, schemes and hosts', () => {
    for (const url of [
      'http://localhost:5173.evil.example/',
      'http://localhost:51730/',
      'http://localhost:5173@evil.example/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://localhost/',
      'not a url',
      '',
    ]) {
      expect(isOnOrigin(url, DEV_SERVER), url).toBe(false);
    }
    for (const url of [
      'app://store-inspector.evil/',
      'app://store-inspectorx/',
      'app://evil/store-inspector/',
      'file:///',
    ]) {
      expect(isOnOrigin(url, APP), url).toBe(false);
    }
  });
});
