/**
 * The layer table of scripts/layers.ts as Biome overrides, one per layer folder, so that the editor marks a
 * forbidden import where it is written. Biome matches an import's text, not the file it reaches, so the
 * patterns lean on the folder names being unique under electron/; scripts/import-rules.ts resolves each
 * relative import and catches what the text hides.
 *
 *   npx tsx scripts/biome-layers.ts --write   rewrites biome.json's layer overrides from the table
 *   npx tsx scripts/biome-layers.ts           exits 1 when biome.json no longer matches the table
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALLOWED, BROWSER_LAYERS, COMMON, ELECTRON_ALLOWED, LAYERS, mayImport, NATIVE_PACKAGES } from './layers.js';

interface RestrictedPattern {
  group: string[];
  message: string;
}

export interface LayerOverride {
  includes: string[];
  linter: { rules: Record<string, Record<string, unknown>> };
}

interface BiomeConfig {
  overrides?: LayerOverride[];
  [key: string]: unknown;
}

const ELECTRON_MESSAGE = 'only electron/main and electron/preload may import electron (docs/architecture.md)';

/** One override per layer, nested layers after their parents so that their rules win. */
export function layerOverrides(): LayerOverride[] {
  return [...LAYERS].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b)).map(overrideFor);
}

function overrideFor(layer: string): LayerOverride {
  const patterns = restrictedPatterns(layer);
  const paths: Record<string, string> = {};
  if (!ELECTRON_ALLOWED.has(layer)) paths.electron = ELECTRON_MESSAGE;
  if (BROWSER_LAYERS.has(layer)) {
    for (const name of NATIVE_PACKAGES) paths[name] = `${layer} runs in the page: no native modules`;
  }
  const rules: Record<string, Record<string, unknown>> = {
    style: { noRestrictedImports: { level: 'error', options: { paths, patterns } } },
  };
  if (BROWSER_LAYERS.has(layer)) rules.correctness = { noNodejsModules: 'error' };
  return { includes: [`${layer}/**`], linter: { rules } };
}

function restrictedPatterns(layer: string): RestrictedPattern[] {
  const message = `${layer} may import only ${(ALLOWED[layer] ?? []).join(', ')} (docs/architecture.md)`;
  const patterns: RestrictedPattern[] = [{ group: forbiddenGroup(layer), message }];
  if (!ELECTRON_ALLOWED.has(layer)) patterns.push({ group: ['electron/**'], message: ELECTRON_MESSAGE });
  return patterns;
}

/** gitignore-style patterns over the import's text for every layer `layer` may not reach. */
function forbiddenGroup(layer: string): string[] {
  // The shared layer imports nothing but its own files: no other layer, no package.
  if (layer === COMMON) return ['**', '!./**'];
  // Outside electron/ the folder names repeat (renderer/src/api), so the path must name electron/.
  if (!layer.startsWith('electron/')) {
    const allowed = (ALLOWED[layer] ?? []).filter((other) => other.startsWith('electron/'));
    return ['**/electron/**', ...allowed.map((other) => `!**/${other}/**`)];
  }
  const forbidden = LAYERS.filter((other) => other !== layer && !mayImport(layer, other));
  const group = forbidden.map((other) => {
    // A nested layer reaches its parent's files with one `../` (contract → api).
    if (layer.startsWith(`${other}/`)) return '../*';
    return `**/${folderName(other)}/**`;
  });
  // An allowed layer nested in a forbidden one (preload → api/contract) is let through again.
  const reopened = (ALLOWED[layer] ?? []).filter((allowed) =>
    forbidden.some((other) => allowed.startsWith(`${other}/`) && !layer.startsWith(`${other}/`)),
  );
  return [...group, ...reopened.map((allowed) => `!**/${folderName(allowed)}/**`)];
}

function folderName(layer: string): string {
  return layer.replace(/^electron\//, '');
}

function depth(layer: string): number {
  return layer.split('/').length;
}

/** biome.json with its layer overrides replaced by the table's, other overrides kept in front. */
export function withLayerOverrides(config: BiomeConfig): BiomeConfig {
  const others = (config.overrides ?? []).filter((override) => !isLayerOverride(override));
  return { ...config, overrides: [...others, ...layerOverrides()] };
}

export function readBiomeConfig(root: string): BiomeConfig {
  return JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as BiomeConfig;
}

/** Whether biome.json's layer overrides say what the table says. */
export function biomeMatchesTable(root: string): boolean {
  const config = readBiomeConfig(root);
  return JSON.stringify(config) === JSON.stringify(withLayerOverrides(config));
}

function isLayerOverride(override: LayerOverride): boolean {
  return override.includes.length === 1 && LAYERS.some((layer) => override.includes[0] === `${layer}/**`);
}

function main(): void {
  const root = resolve('.');
  if (process.argv.includes('--write')) {
    writeFileSync(join(root, 'biome.json'), JSON.stringify(withLayerOverrides(readBiomeConfig(root))));
    spawnSync('npx', ['biome', 'format', '--write', 'biome.json'], { cwd: root, stdio: 'inherit' });
    console.log('biome.json: layer overrides written from scripts/layers.ts');
    return;
  }
  if (!biomeMatchesTable(root)) {
    console.error(
      'biome.json: layer overrides differ from scripts/layers.ts; run npx tsx scripts/biome-layers.ts --write',
    );
    process.exit(1);
  }
  console.log('biome.json: layer overrides match scripts/layers.ts');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
