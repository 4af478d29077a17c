/**
 * The store-wide search (docs/metadata-queries.md, "Value contains"): every table the page lists, counted for keys and
 * values holding the text, in one call with progress events that task.cancel stops.
 */
import { z } from 'zod';
import { MAX_KEY_LENGTH, namespaceSchema } from './schemas.js';

const countSchema = z.number().int().min(0);

/** The first table that holds the text is known before the last is counted: a count stops at this many. */
export const SEARCH_HIT_LIMIT = 1_000;

export const searchCalls = {
  /**
   * Counts, in each table named, the keys and the values that hold `text` (ASCII case ignored), each up to
   * `limit`; answers the tables with any, in the order given. Progress arrives as `progress` events for
   * `taskId` (done and total in tables); `task.cancel` stops it between tables, answering `cancelled`.
   */
  'store.search': {
    arg: z.strictObject({
      taskId: z.string().min(1).max(64),
      text: z.string().min(1).max(MAX_KEY_LENGTH),
      tables: z.array(namespaceSchema).max(100_000),
      limit: z.number().int().min(1).max(1_000_000).default(SEARCH_HIT_LIMIT),
    }),
    result: z.object({
      tables: z.array(namespaceSchema.extend({ keys: countSchema, values: countSchema })),
    }),
  },
};
