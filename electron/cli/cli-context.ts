import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { defaultStorePath } from '../api/app-paths.js';
import { createSqliteStore, type InspectorStore } from '../store/index.js';

/** A wrong command line: exit status 2, with the usage. */
export class UsageError extends Error {}

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Where bulk output (an export to standard output) streams; default process.stdout. */
  stream?: Writable;
}

export const COMMON_OPTIONS = {
  store: { type: 'string' },
  database: { type: 'string', short: 'd' },
  table: { type: 'string', short: 't' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export function parseCommand<O extends ParseArgsConfig['options']>(argv: string[], options: O, positionals: number) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    const wantsHelp = (parsed.values as { help?: boolean }).help === true;
    if (!wantsHelp && parsed.positionals.length !== positionals) {
      throw new UsageError(
        `expected ${positionals} argument${positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}`,
      );
    }
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export interface CommonValues {
  store?: string;
  database?: string;
  table?: string;
}

/** The store a command names, or the app's default store (its folder made on first use). */
export function storePathOf(values: CommonValues): string {
  if (values.store !== undefined) return values.store;
  const path = defaultStorePath();
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** Opens the store a command works on; the namespace flags become the store's own options. */
export async function openStore(values: CommonValues, readOnly: boolean): Promise<InspectorStore> {
  const store = createSqliteStore({
    path: storePathOf(values),
    readOnly,
    ...(values.database ? { database: values.database } : {}),
    ...(values.table ? { table: values.table } : {}),
  });
  await store.init();
  return store;
}

export function parseCount(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
    throw new UsageError(`--${name} must be a non-negative integer`);
  return value;
}
