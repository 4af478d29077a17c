/**
 * The live view: each bucket's one watch (nats-bucket.ts) reports every put and delete as it happens;
 * here a subscriber gets those of its table, as the store's Change shape. A put seen for the first time is a
 * create, a later one an update, a delete marker a delete.
 */
import type { Change } from '../../store/change-feed.js';
import type { Namespace } from '../../store/namespaces.js';
import type { NatsBuckets } from './nats-buckets.js';
import { plainKey } from './nats-keys.js';

export function subscribeTable(
  buckets: NatsBuckets,
  namespace: Namespace,
  onChange: (change: Change) => void,
  onReady?: () => void,
): () => void {
  let unsubscribe: (() => void) | undefined;
  let stopped = false;
  buckets
    .get(namespace.database)
    .then((bucket) => {
      if (stopped) return;
      unsubscribe = bucket.subscribe((change) => {
        if (!mayBeIn(bucket.tableOf(change.full), change.full, namespace.table)) return;
        onChange({
          seq: change.revision,
          database: namespace.database,
          table: namespace.table,
          key: plainKey(namespace.table, change.full),
          kind: change.kind,
          at: change.at,
        });
      });
      onReady?.();
    })
    // A bucket that cannot be opened has nothing to report; the page's own reads show why.
    .catch(() => undefined);
  return () => {
    stopped = true;
    unsubscribe?.();
  };
}

/**
 * Whether a change may be in the watched table. A new key's table is only learnt from its envelope when the
 * next page is read (nats-bucket.ts `settle`), so a first key under a table nobody wrote before (an empty
 * bucket, a new table) is not known yet: one that starts with `<table>_` is reported, and the page's re-read
 * decides. A spare re-read costs one page; a missed one leaves the grid wrong.
 */
function mayBeIn(known: string, full: string, table: string): boolean {
  return known === table || (table !== '' && known === '' && full.startsWith(`${table}_`));
}
