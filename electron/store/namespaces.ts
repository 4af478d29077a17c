import { namespaceKey } from '../common/namespace-key.js';
import type { Database, Statement } from './sqlite-driver.js';

export interface Namespace {
  database: string;
  table: string;
}

/**
 * Maps (database, table) to the namespace row id. Ids are cached once seen: rows are never
 * renumbered, and a write that meets a namespace deleted by another process fails its foreign key,
 * which makes the caller `forget()` and retry.
 */
export class Namespaces {
  private readonly ids = new Map<string, number>();
  /** The namespace found last: a service reads and writes one table, so most calls skip building the map key. */
  private last: { database: string; table: string; id: number } | undefined;
  private readonly findId: Statement<[string, string], number>;
  private readonly insert: Statement<[string, string, number]>;

  constructor(db: Database) {
    this.findId = db
      .prepare<[string, string], number>('SELECT id FROM namespaces WHERE database = ? AND "table" = ?')
      .pluck();
    this.insert = db.prepare<[string, string, number]>(
      'INSERT INTO namespaces (database, "table", created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
  }

  /** The id of an existing namespace; never creates one, so reads leave the file alone. */
  find({ database, table }: Namespace): number | undefined {
    const last = this.last;
    if (last !== undefined && last.database === database && last.table === table) return last.id;
    const cacheKey = namespaceKey(database, table);
    const cached = this.ids.get(cacheKey);
    const id = cached ?? this.findId.get(database, table);
    if (id === undefined) return undefined;
    this.ids.set(cacheKey, id);
    this.last = { database, table, id };
    return id;
  }

  ensure(namespace: Namespace, now: number): number {
    const existing = this.find(namespace);
    if (existing !== undefined) return existing;
    this.insert.run(namespace.database, namespace.table, now);
    const id = this.find(namespace);
    if (id === undefined) throw new Error(`namespace ${namespace.database}/${namespace.table} could not be created`);
    return id;
  }

  forget(): void {
    this.ids.clear();
    this.last = undefined;
  }
}
