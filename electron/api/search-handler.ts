import type { BackendReading } from '../backends/backend.js';
import type { Namespace } from '../store/namespaces.js';
import type { CallResult, ValidArg } from './contract/calls.js';
import type { ApiEvent } from './contract/events.js';
import { CancelledError } from './errors.js';
import type { StoreSession } from './store-session.js';
import type { TransferTasks } from './transfer-tasks.js';

/**
 * Tables counted at once. Each count holds a reader thread for as long as it reads (a value search with
 * few hits reads the whole table): two leave the grid's pages a reader of their own (store-worker/).
 */
const TABLES_AT_ONCE = 2;
/** Progress events at most this often; the last table always reports. */
const PROGRESS_MS = 100;

type TableHits = CallResult<'store.search'>['tables'][number];

/**
 * `store.search` (docs/metadata-queries.md, "Value contains"): one call for the whole store instead of two counts per
 * table from the page, a bounded number of tables at a time, with progress; `task.cancel` (the user typed on)
 * stops it before the next table starts. A count already running finishes on its thread, unawaited.
 */
export function searchHandlers(session: StoreSession, emit: (event: ApiEvent) => void, tasks: TransferTasks) {
  return {
    'store.search': async ({ taskId, text, tables, limit }: ValidArg<'store.search'>) =>
      tasks.runCancellable(taskId, async (signal): Promise<CallResult<'store.search'>> => {
        const backend = session.requireBackend();
        const progress = throttled((done) => emit({ type: 'progress', task: taskId, done, total: tables.length }));
        const found = await eachBounded(
          tables,
          TABLES_AT_ONCE,
          async (namespace) => {
            if (signal.aborted) throw new CancelledError();
            return tableHits(backend.reading, namespace, text, limit);
          },
          (done) => progress(done, done === tables.length),
        );
        if (signal.aborted) throw new CancelledError();
        return { tables: found.filter((hits) => hits.keys + hits.values > 0) };
      }),
  };
}

/** Keys and values holding the text, ASCII case ignored, as the grid's filters match them. */
async function tableHits(reading: BackendReading, namespace: Namespace, text: string, limit: number) {
  const keys = await reading.count(namespace, { contains: text, containsCase: 'insensitive' }, { limit });
  // A backend that cannot look into values (or a value it cannot read) has no value hits, not a failed search.
  const values = await reading
    .count(namespace, { valueContains: text, valueCase: 'insensitive' }, { limit })
    .catch(() => 0);
  return { ...namespace, keys, values } satisfies TableHits;
}

/**
 * `work` over every item, at most `bound` at a time; answers in the items' order. `onDone` hears how many have
 * finished after each. The first failure fails the whole, and no further item starts.
 */
async function eachBounded<T, R>(
  items: readonly T[],
  bound: number,
  work: (item: T) => Promise<R>,
  onDone: (done: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
      onDone(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(bound, items.length) }, lane));
  return results;
}

function throttled(report: (done: number) => void): (done: number, last: boolean) => void {
  let reported = 0;
  return (done, last) => {
    const now = Date.now();
    if (!last && now - reported < PROGRESS_MS) return;
    reported = now;
    report(done);
  };
}
