import type { CallResult, ValidArg } from './contract/calls.js';
import type { StoreSession } from './store-session.js';

/**
 * `table.figures`: the optional figures a backend offers for the table on screen (backends/backend.ts). A
 * backend whose counts are cheap gives no estimate: its exact count is what the page shows.
 */
export function tableFiguresHandlers(session: StoreSession) {
  return {
    'table.figures': async ({ database, table }: ValidArg<'table.figures'>): Promise<CallResult<'table.figures'>> => {
      const { reading, capabilities } = session.requireBackend();
      const estimate =
        capabilities.cheapCount || reading.estimatedCount === undefined
          ? null
          : await reading.estimatedCount({ database, table });
      const bucket = reading.bucketInfo === undefined ? undefined : await reading.bucketInfo(database);
      return {
        estimatedCount: estimate === null ? null : Math.max(0, Math.round(estimate)),
        keyEncoding: bucket === undefined ? null : bucket.keyEncoding,
      };
    },
  };
}
