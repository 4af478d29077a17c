/**
 * The part of the layer rules Biome cannot check (biome.json holds the rest, written from scripts/layers.ts).
 * Biome matches an import's text against patterns and skips `require()` of a relative path; here every module
 * reference TypeScript sees (import, export … from, import(), require(), import type) is resolved to the file
 * it reaches, so `../../api/dispatch.js` from the contract or `require('../api/x.js')` from the store are
 * caught whatever their text looks like. The shared layer may not load any package, by any form.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { ALLOWED, COMMON, layerOf, mayImport } from './layers.js';

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

export function findViolations(root: string): Violation[] {
  return sourceFiles(root).flatMap((file) => checkFile(root, file));
}

/** Every module specifier in a file, as the TypeScript compiler reads them (comments and strings skipped). */
export function moduleSpecifiers(text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((reference) => reference.fileName);
}

function checkFile(root: string, file: string): Violation[] {
  const path = repoPath(root, file);
  const layer = layerOf(path);
  if (layer === undefined) return [];
  return moduleSpecifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
    const rule = ruleBroken(root, file, layer, specifier);
    return rule === undefined ? [] : [{ file: path, specifier, rule }];
  });
}

function ruleBroken(root: string, file: string, layer: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) {
    return layer === COMMON ? `${COMMON} imports nothing but its own files` : undefined;
  }
  const target = layerOf(repoPath(root, resolve(dirname(file), specifier)));
  if (target === undefined || mayImport(layer, target)) return undefined;
  return `${layer} must not import ${target} (it may import ${(ALLOWED[layer] ?? []).join(', ')})`;
}

function repoPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
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
