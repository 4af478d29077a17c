import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, noncedPage } from '../api/content-security-policy.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Sends a file of the built renderer; a path that climbs out of it is not found. */
export function sendStatic(rendererDir: string, pathname: string, response: ServerResponse): boolean {
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return false;
  }
  const file = normalize(join(rendererDir, relative));
  if (!file.startsWith(rendererDir + sep)) return false;
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return false;
    size = stat.size;
  } catch {
    return false;
  }
  if (relative === 'index.html') {
    sendPage(file, response);
    return true;
  }
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(response);
  return true;
}

/** The page, with a style nonce of its own in its CSP and its `<meta name="style-nonce">`. */
function sendPage(file: string, response: ServerResponse): void {
  const { html, policy } = noncedPage(readFileSync(file, 'utf8'));
  const page = Buffer.from(html);
  response.writeHead(200, {
    'content-type': TYPES['.html'],
    'content-length': page.length,
    'content-security-policy': policy,
    'cache-control': 'no-store',
  });
  response.end(page);
}
