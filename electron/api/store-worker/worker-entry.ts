import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';

/**
 * Where the store thread's code is, however this module runs: compiled by tsc (worker-main.js beside it),
 * bundled by electron-vite (out/main/store-worker.js, beside the bundle or one folder up from a chunk), or
 * as TypeScript under vitest or tsx (worker-main.ts, bundled once per process, see bundleSources).
 */
export function findWorkerEntry(): URL {
  // Names in variables: bundlers rewrite `new URL('literal', import.meta.url)` into assets.
  const compiled = ['./worker-main.js', './store-worker.js', '../store-worker.js'];
  for (const name of compiled) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  const source = './worker-main.ts';
  const url = new URL(source, import.meta.url);
  if (existsSync(fileURLToPath(url))) return bundleSources(url);
  throw new Error(
    `the store thread's code was not found beside ${fileURLToPath(import.meta.url)}: build the app again (npm run build)`,
  );
}

/**
 * Running from TypeScript sources, the thread's modules go into one plain JS file with tsx's own esbuild:
 * Node 20 ignores `--import tsx` in a worker, and tsx's per-thread loader takes a second or more per thread,
 * where one file loads in milliseconds. The native SQLite binding stays outside, found from the sources'
 * folder (import.meta.url is theirs), and the file goes when the process ends.
 */
function bundleSources(entry: URL): URL {
  const folder = mkdtempSync(join(tmpdir(), 'store-inspector-worker-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  const outfile = join(folder, 'worker-main.mjs');
  tsxEsbuild().buildSync({
    entryPoints: [fileURLToPath(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    packages: 'external',
    define: { 'import.meta.url': JSON.stringify(entry.href) },
    logLevel: 'error',
  });
  return pathToFileURL(outfile);
}

function tsxEsbuild(): typeof Esbuild {
  const tsx = createRequire(import.meta.url).resolve('tsx/package.json');
  return createRequire(tsx)('esbuild') as typeof Esbuild;
}
