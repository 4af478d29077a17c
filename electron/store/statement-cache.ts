import type { Database, Statement } from './sqlite-driver.js';

/**
 * Statements whose SQL depends on which filters are set are prepared the first time each shape is
 * seen and reused after, so a filter typed letter by letter never re-prepares.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement<unknown[], unknown>>();

  constructor(private readonly db: Database) {}

  get<R>(sql: string): Statement<unknown[], R> {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, statement);
    }
    return statement as Statement<unknown[], R>;
  }
}
