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
): () => void {
  let unsubscribe: (() => void) | undefined;
  let stopped = false;
  buckets
    .get(namespace.database)
    .then((bucket) => {
      if (stopped) return;
      unsubscribe = bucket.subscribe((change) => {
        if (bucket.tableOf(change.full) !== namespace.table) return;
        onChange({
          seq: change.revision,
          database: namespace.database,
          table: namespace.table,
          key: plainKey(namespace.table, change.full),
          kind: change.kind,
          at: change.at,
        });
      });
    })
    // A bucket that cannot be opened has nothing to report; the page's own reads show why.
    .catch(() => undefined);
  return () => {
    stopped = true;
    unsubscribe?.();
  };
}
