/**
 * The compiled library in out/lib (the Store package and the command line), built again when any of its
 * sources is newer than the last build. The test runners call it before any test starts, so a test that
 * runs the real `store-inspector` binary never runs yesterday's JavaScript, and they never build twice at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CONFIG = 'tsconfig.lib.json';
/** Written after each successful build: its time is the build's. */
const STAMP = join(ROOT, 'out', 'lib', '.built');

export function libIsCurrent(): boolean {
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  return newestSourceMs() <= built;
}

export function buildLib(): void {
  // The stamp takes the build's start time: a source saved while tsc runs still counts as newer.
  const started = new Date();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', CONFIG], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`the library build failed (tsc -p ${CONFIG}, status ${result.status})`);
  mkdirSync(join(ROOT, 'out', 'lib'), { recursive: true });
  writeFileSync(STAMP, `${started.toISOString()}\n`);
  utimesSync(STAMP, started, started);
}

/** Global setup for Vitest and Playwright. */
export default function ensureLibBuilt(): void {
  if (!libIsCurrent()) buildLib();
}

function newestSourceMs(): number {
  const { include } = JSON.parse(readFileSync(join(ROOT, CONFIG), 'utf8')) as { include: string[] };
  const configs = [CONFIG, 'tsconfig.node.json', 'tsconfig.base.json'].map(
    (file) => statSync(join(ROOT, file)).mtimeMs,
  );
  return Math.max(...configs, ...include.map((folder) => newestIn(join(ROOT, folder))));
}

function newestIn(path: string): number {
  if (!existsSync(path)) return 0;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

// `npm run build:lib` (and npm ci's prepare): always build.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) buildLib();
