import { useEffect, useState } from 'react';
import type { StoreIdentity } from '../../../electron/api/contract/store-identity.js';
import { useLiveFeed } from '../live/live-provider.js';
import { useClient } from './client-context.js';
import type { Notify } from './command-endings.js';
import { useApiEvent } from './use-api-event.js';

/**
 * Another tab of the same serve (or, in a race, the desktop's menu) opened another store: this page puts away
 * what it showed of the old one (the open record, any dialog, the selection) without writing anything, says so,
 * and only then makes its calls for the new store and reads it (docs/architecture.md, "Store identity").
 */
export function useStoreSwitch(putAway: () => void, notify: Notify): void {
  const client = useClient();
  const feed = useLiveFeed();
  const [switched, setSwitched] = useState<StoreIdentity>();
  useApiEvent((event) => {
    if (event.type !== 'store-switched') return;
    putAway();
    setSwitched({ storeId: event.storeId, display: event.display });
    notify(switchNotice(client.mode, event.display), 'error');
  });
  // After the render that closed the editor and dialogs: a click on them can no longer send anything.
  useEffect(() => {
    if (switched === undefined) return;
    client.acceptStore(switched.storeId);
    feed.storeOpened();
    setSwitched(undefined);
  }, [switched, client, feed]);
}

function switchNotice(mode: 'desktop' | 'browser', display: string | null): string {
  const here = mode === 'browser' ? 'this tab' : 'this window';
  if (display === null) return `The store was closed elsewhere: nothing was written from ${here}`;
  const what =
    mode === 'browser' ? `Another tab switched this server to ${display}` : `Another store was opened: ${display}`;
  return `${what}. What ${here} showed was closed and nothing was written`;
}
