import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, noncedPage } from '../api/content-security-policy.js';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://store-inspector`;

/** Must run before the app is ready: our scheme behaves like https (secure, standard, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer, and only it, from app://store-inspector/, with our CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { host, pathname } = new URL(request.url);
    const file = normalize(join(rendererDir, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
    if (host !== 'store-inspector' || !file.startsWith(rendererDir + sep)) return new Response(null, { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    if (file !== join(rendererDir, 'index.html') || !response.ok) {
      headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
      return new Response(response.body, { status: response.status, headers });
    }
    // The page gets a style nonce of its own (api/content-security-policy.ts).
    const { html, policy } = noncedPage(await response.text());
    headers.set('content-security-policy', policy);
    headers.delete('content-length');
    return new Response(html, { status: response.status, headers });
  });
}
