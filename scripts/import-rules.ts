/**
 * The layering rules of architecture.md, checked on the source text: imports go one way
 * (store ← api ← main/preload/serve/cli), only main and preload touch Electron, and the renderer
 * reaches main only through the contract's types and schemas.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The Node-only layers under the api: the Store, the JSON formats, go-micro's files, import and export. */
const NODE_LAYERS = ['electron/store', 'electron/records-json', 'electron/gomicro', 'electron/transfer'];
/** Rules every layer shares (key order, limits, expiry): no imports of its own, safe in the page too. */
const COMMON = 'electron/common';

/** Each layer and the layers it may import from (itself included). */
const ALLOWED: Record<string, string[]> = {
  [COMMON]: [COMMON],
  'electron/store': ['electron/store', COMMON],
  'electron/records-json': ['electron/records-json', COMMON],
  'electron/gomicro': ['electron/gomicro', 'electron/store', COMMON],
  'electron/transfer': ['electron/transfer', 'electron/store', 'electron/records-json', 'electron/gomicro', COMMON],
  'electron/api/contract': ['electron/api/contract', COMMON],
  'electron/api': ['electron/api', ...NODE_LAYERS, COMMON],
  'electron/serve': ['electron/serve', 'electron/api', ...NODE_LAYERS, COMMON],
  'electron/cli': ['electron/cli', 'electron/serve', 'electron/api', ...NODE_LAYERS, COMMON],
  'electron/main': ['electron/main', 'electron/api', 'electron/store', COMMON],
  'electron/preload': ['electron/preload', 'electron/api/contract', COMMON],
  renderer: ['renderer', 'electron/api/contract', COMMON],
};
const ELECTRON_ALLOWED = new Set(['electron/main', 'electron/preload']);
/** Layers that run in the page (or are shared with it): no Node, no native modules. */
const BROWSER_LAYERS = new Set(['renderer', 'electron/api/contract', COMMON]);
const NATIVE_PACKAGES = ['better-sqlite3', 'better-sqlite3-node20'];
const NODE_BUILTINS = new Set(builtinModules);
const IMPORT =
  /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

export function findViolations(root: string): Violation[] {
  return sourceFiles(root).flatMap((file) => checkFile(root, file));
}

function layerOf(path: string): string | undefined {
  const normalized = path.split(sep).join('/');
  return Object.keys(ALLOWED)
    .sort((a, b) => b.length - a.length)
    .find((layer) => normalized === layer || normalized.startsWith(`${layer}/`));
}

function checkFile(root: string, file: string): Violation[] {
  const layer = layerOf(relative(root, file));
  if (layer === undefined) return [];
  const violations: Violation[] = [];
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
    const rule = ruleBroken(root, file, layer, specifier);
    if (rule !== undefined) violations.push({ file: relative(root, file), specifier, rule });
  }
  return violations;
}

function ruleBroken(root: string, file: string, layer: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = layerOf(relative(root, resolve(dirname(file), specifier)));
    const allowed = (ALLOWED[layer] ?? []).some((other) => target === other || target?.startsWith(`${other}/`));
    if (target !== undefined && !allowed) return `${layer} must not import ${target}`;
    return undefined;
  }
  const bare = specifier.replace(/^node:/, '');
  if (bare === 'electron' || bare.startsWith('electron/')) {
    return ELECTRON_ALLOWED.has(layer) ? undefined : `only electron/main and electron/preload may import electron`;
  }
  if (!BROWSER_LAYERS.has(layer)) return undefined;
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(bare.split('/')[0] ?? ''))
    return `${layer} runs in the page: no Node modules`;
  if (NATIVE_PACKAGES.includes(specifier)) return `${layer} runs in the page: no native modules`;
  return undefined;
}

function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name.startsWith('.')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name)) files.push(path);
    }
  };
  for (const top of ['electron', 'renderer']) {
    try {
      walk(join(root, top));
    } catch {
      // A tree without that folder has nothing to check there.
    }
  }
  return files;
}
