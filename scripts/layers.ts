/**
 * The layers of docs/architecture.md and what each may import: the one table both checks read. Biome's
 * per-folder overrides (biome.json, written from this table by scripts/biome-layers.ts) show a broken rule in
 * the editor; scripts/import-rules.ts checks what Biome cannot see.
 */

/** Rules every layer shares (key order, limits, expiry): no imports of its own, safe in the page too. */
export const COMMON = 'electron/common';

/**
 * The Node-only layers under the api: the Store, the JSON formats, go-micro's files, import and export, and
 * go-micro's remote stores (Postgres, Redis, NATS KV, MySQL).
 */
const NODE_LAYERS = [
  'electron/store',
  'electron/records-json',
  'electron/gomicro',
  'electron/transfer',
  'electron/backends',
];

/** Each layer and the layers it may import from (itself included). */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  [COMMON]: [COMMON],
  'electron/store': ['electron/store', COMMON],
  'electron/records-json': ['electron/records-json', COMMON],
  'electron/gomicro': ['electron/gomicro', 'electron/store', COMMON],
  'electron/transfer': ['electron/transfer', 'electron/store', 'electron/records-json', 'electron/gomicro', COMMON],
  'electron/backends': ['electron/backends', 'electron/store', COMMON],
  'electron/api/contract': ['electron/api/contract', COMMON],
  'electron/api': ['electron/api', ...NODE_LAYERS, COMMON],
  'electron/serve': ['electron/serve', 'electron/api', ...NODE_LAYERS, COMMON],
  'electron/cli': ['electron/cli', 'electron/serve', 'electron/api', ...NODE_LAYERS, COMMON],
  'electron/main': ['electron/main', 'electron/api', 'electron/store', COMMON],
  'electron/preload': ['electron/preload', 'electron/api/contract', COMMON],
  renderer: ['renderer', 'electron/api/contract', COMMON],
};

/** The only layers that run inside Electron and may import the `electron` package. */
export const ELECTRON_ALLOWED: ReadonlySet<string> = new Set(['electron/main', 'electron/preload']);

/** Layers that run in the page (or are shared with it): no Node modules, no native modules. */
export const BROWSER_LAYERS: ReadonlySet<string> = new Set(['renderer', 'electron/api/contract', COMMON]);

export const NATIVE_PACKAGES = ['better-sqlite3', 'better-sqlite3-node20'];

export const LAYERS = Object.keys(ALLOWED);

/** The layer a repository-relative path (forward slashes) belongs to: the deepest layer folder holding it. */
export function layerOf(path: string): string | undefined {
  return [...LAYERS]
    .sort((a, b) => b.length - a.length)
    .find((layer) => path === layer || path.startsWith(`${layer}/`));
}

/** Whether code in `layer` may import code in `target` (a layer may import the layers nested in one it may). */
export function mayImport(layer: string, target: string): boolean {
  return (ALLOWED[layer] ?? []).some((allowed) => target === allowed || target.startsWith(`${allowed}/`));
}
