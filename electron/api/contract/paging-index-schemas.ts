/**
 * The paging index calls' shapes (docs/backends.md, "Paging index"): whether a server table's key-ordered
 * pages read an index, the DDL that would make them, and running that DDL once the user approved it. How many
 * rows a page would sort is the table's estimate, which `table.figures` gives.
 */
import { z } from 'zod';
import { namespaceSchema } from './schemas.js';

/** A statement is a few hundred characters; the bound keeps a fuzzed argument from being anything large. */
const statementSchema = z.string().min(1).max(4000);

export const pagingIndexSchema = z.object({
  /** The DDL that adds the index, exactly as `table.addPagingIndex` runs it; null when pages read one already. */
  statement: statementSchema.nullable(),
  /** The open store may be written (not read-only): the index can be added from here. */
  canAdd: z.boolean(),
});

export const pagingIndexCalls = {
  /** Null statement where the backend has nothing to add (SQLite, Redis, NATS, a bytewise key column). */
  'table.pagingIndex': { arg: namespaceSchema, result: pagingIndexSchema },
  /**
   * Runs the statement the user was shown, only if it is still the one needed (`statement` must match it):
   * what the user approved is what runs. `added` false when an index pages the table already.
   */
  'table.addPagingIndex': {
    arg: namespaceSchema.extend({ statement: statementSchema }).strict(),
    result: z.object({ added: z.boolean(), ms: z.number().min(0) }),
  },
} as const;
