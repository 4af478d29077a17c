import { useEffect, useState, useSyncExternalStore } from 'react';
import { useClient } from '../app/client-context.js';
import { useLiveFeed, useLiveSignal } from '../live/live-provider.js';
import { onTick } from '../ui/clock.js';
import { queryKey, type RecordQuery } from './record-query.js';
import { RecordWindowLoader } from './record-window-loader.js';

/** The grid's records for a query, kept current as the store changes and as records expire. */
export function useRecordWindow(query: RecordQuery) {
  const client = useClient();
  const feed = useLiveFeed();
  const [loader] = useState(() => new RecordWindowLoader(client));
  const snapshot = useSyncExternalStore(loader.subscribe, loader.getSnapshot);
  const key = queryKey(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query's key stands for the query.
  useEffect(() => loader.setQuery(query), [loader, key]);
  useLiveSignal('reread', loader.refresh);
  // Paused, rows stay as they were; a row seen expiring has the counts read again at once.
  useEffect(
    () =>
      onTick(() => {
        if (!feed.getSnapshot().paused && loader.dropExpired(Date.now()) > 0) feed.expiredSeen();
      }),
    [loader, feed],
  );
  return { ...snapshot, setVisible: loader.setVisible, refresh: loader.refresh, seek: loader.seek };
}

export type RecordWindowState = ReturnType<typeof useRecordWindow>;
