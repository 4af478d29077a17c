import { useEffect, useState } from 'react';
import type { StoreIdentity } from '../../../electron/api/contract/store-identity.js';
import { type LostDraft, lostDraftToast, switchedBy } from '../editor/lost-draft.js';
import { useLiveFeed } from '../live/live-provider.js';
import { useClient } from './client-context.js';
import type { Notify } from './command-endings.js';
import { dismissLostDraft, NO_LOST_DRAFTS, queueLostDrafts } from './lost-draft-queue.js';
import { useApiEvent } from './use-api-event.js';

/**
 * Another tab of the same serve (or, in a race, the desktop's menu) opened another store: this page puts away
 * what it showed of the old one (the open record, any dialog, the selection) without writing anything, says so,
 * and only then makes its calls for the new store and reads it (docs/architecture.md, "Store identity").
 * `putAway` hands back the unsaved drafts (the editor's, the New record dialog's): each typed value is shown in
 * `lost` (an alert dialog, one after the other, each with an id to key it on) so it is never gone without a word;
 * drafts of metadata or expiry alone (or a new record's key) are all said in the toast, with a Copy.
 */
export function useStoreSwitch(putAway: (opened: string) => LostDraft[], notify: Notify) {
  const client = useClient();
  const feed = useLiveFeed();
  const [switched, setSwitched] = useState<StoreIdentity>();
  const [lost, setLost] = useState(NO_LOST_DRAFTS);
  useApiEvent((event) => {
    if (event.type !== 'store-switched') return;
    const opened = switchedBy(client.mode, event.display);
    const drafts = putAway(opened);
    const typed = drafts.filter((draft) => draft.value !== undefined);
    const untyped = drafts.filter((draft) => draft.value === undefined);
    setSwitched({ storeId: event.storeId, display: event.display });
    setLost((queue) => queueLostDrafts(queue, typed));
    // The toast has room for one message: the drafts without a value say the switch themselves, so they take it.
    if (untyped.length === 0) return notify(switchNotice(client.mode, event.display), 'error');
    notify(lostDraftToast(opened, untyped), 'error', copyAction(untyped));
  });
  // After the render that closed the editor and dialogs: a click on them can no longer send anything.
  useEffect(() => {
    if (switched === undefined) return;
    client.acceptStore(switched.storeId);
    feed.storeOpened();
    setSwitched(undefined);
  }, [switched, client, feed]);
  return { lost: lost.queue[0], dismissLost: () => setLost(dismissLostDraft) };
}

/** The unsaved metadata, one press from the clipboard while the toast is up (of both drafts, a line each). */
function copyAction(drafts: readonly LostDraft[]) {
  const metadata = drafts.flatMap((draft) => (draft.metadata === undefined ? [] : [draft.metadata]));
  if (metadata.length === 0) return undefined;
  const text = metadata.join('\n');
  return { label: 'Copy metadata', run: () => void navigator.clipboard.writeText(text), shownMs: 20_000 };
}

function switchNotice(mode: 'desktop' | 'browser', display: string | null): string {
  const here = mode === 'browser' ? 'this tab' : 'this window';
  if (display === null) return `The store was closed elsewhere: nothing was written from ${here}`;
  const what =
    mode === 'browser' ? `Another tab switched this server to ${display}` : `Another store was opened: ${display}`;
  return `${what}. What ${here} showed was closed and nothing was written`;
}
