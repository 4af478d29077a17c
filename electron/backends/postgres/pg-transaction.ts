/**
 * A copy or import in one Postgres transaction on one client (BackendEditing.transaction): the tables it makes
 * and every batch it writes commit together, or roll back together when anything fails, the user cancels or
 * the connection is lost. The rows go as every writeMany's do (pg-bulk.ts writeManyOn).
 */
import type { PoolClient } from 'pg';
import type { Namespace } from '../../store/namespaces.js';
import { StoreInputError } from '../../store/types.js';
import type { TransactionWriting } from '../backend.js';
import { writeManyOn } from './pg-bulk.js';
import { createTableStatements, type PgTable, pgTableOf, qualified } from './pg-names.js';
import { hasGoMicroShape } from './pg-shape.js';

/** The transaction's writing part on `client`, which the caller has begun a transaction on. */
export function transactionWriting(client: PoolClient, now: () => number): TransactionWriting {
  const shaped = new Set<string>();
  // Checked on the transaction's own client: a table it created is not visible to the pool until the commit.
  const tableOf = async (namespace: Namespace): Promise<PgTable> => {
    const table = pgTableOf(namespace);
    const name = qualified(table);
    if (shaped.has(name)) return table;
    if (!(await hasGoMicroShape(client, table))) {
      throw new StoreInputError(`${name} is not a go-micro table (key, value, metadata, expiry): nothing was written`);
    }
    shaped.add(name);
    return table;
  };
  return {
    createTable: async (namespace) => {
      for (const statement of createTableStatements(pgTableOf(namespace))) await client.query(statement);
    },
    writeMany: async (namespace, records, policy) => {
      const table = await tableOf(namespace);
      return writeManyOn(client, table, records, policy, now());
    },
  };
}
