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
    const cacheKey = namespaceKey(database, table);
    const cached = this.ids.get(cacheKey);
    if (cached !== undefined) return cached;
    const id = this.findId.get(database, table);
    if (id !== undefined) this.ids.set(cacheKey, id);
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
  }
}
