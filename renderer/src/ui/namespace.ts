import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';

export interface Namespace {
  database: string;
  table: string;
}

/** go-micro's defaults: where a service writes when it names no database or table. */
export const DEFAULT_NAMESPACE: Namespace = { database: 'micro', table: 'micro' };

export function sameNamespace(a: Namespace, b: Namespace): boolean {
  return a.database === b.database && a.table === b.table;
}

/** The chosen table, else go-micro's default when the file has it, else the file's first table. */
export function resolveNamespace(chosen: Namespace | undefined, databases: DatabaseInfoDto[] | undefined): Namespace {
  if (chosen !== undefined) return chosen;
  const all = (databases ?? []).flatMap((db) => db.tables.map((t) => ({ database: db.database, table: t.table })));
  return all.find((ns) => sameNamespace(ns, DEFAULT_NAMESPACE)) ?? all[0] ?? DEFAULT_NAMESPACE;
}
