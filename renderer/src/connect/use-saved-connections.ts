import { useCallback, useEffect, useState } from 'react';
import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import { useClient } from '../app/client-context.js';
import { addSaved, forgetSaved, type RememberedConnection } from './connection-list.js';
import { loadRemembered, storeRemembered } from './remembered-storage.js';

/** A saved connection as the dialog lists it, wherever it is kept. */
export interface SavedItem extends RememberedConnection {
  name: string;
  /** The desktop's entry id (main keeps it, with its sealed password); absent for the page's own list. */
  id?: string;
  hasPassword: boolean;
}

export interface SaveRequest extends RememberedConnection {
  name: string;
  password: string | undefined;
}

/**
 * The saved connections: the desktop's from main (passwords sealed there, never sent back), browser mode's
 * from the page's own storage, without passwords. `passwordsNote` says why a password is not kept.
 */
export function useSavedConnections() {
  const client = useClient();
  const onHost = client.mode === 'desktop';
  const [items, setItems] = useState<SavedItem[]>([]);
  const [passwordsNote, setPasswordsNote] = useState<string>();
  const reload = useCallback(async () => {
    const answer = await client.call('connections.list', {});
    setPasswordsNote(answer.passwords.kept ? undefined : answer.passwords.reason);
    setItems(onHost ? answer.saved : loadRemembered('saved').map(pageItem));
  }, [client, onHost]);
  useEffect(() => {
    reload().catch(() => setItems(onHost ? [] : loadRemembered('saved').map(pageItem)));
  }, [reload, onHost]);
  const save = async ({ password, ...entry }: SaveRequest): Promise<void> => {
    if (onHost) {
      const existing = items.find((each) => each.name === entry.name);
      await client.call('connections.save', { ...entry, ...(existing?.id ? { id: existing.id } : {}), password });
    } else {
      storeRemembered('saved', addSaved(loadRemembered('saved'), entry));
    }
    await reload();
  };
  const forget = async (item: SavedItem): Promise<void> => {
    if (item.id !== undefined) await client.call('connections.forget', { id: item.id });
    else storeRemembered('saved', forgetSaved(loadRemembered('saved'), item.name));
    await reload();
  };
  /** Opens it: with the password main keeps (desktop), or with none typed (the URL's, or the host's variable). */
  const open = (item: SavedItem): Promise<OpenedStoreInfoDto> =>
    item.id !== undefined
      ? client.call('connections.open', { id: item.id })
      : client.call('store.connect', { url: item.url, readOnly: item.readOnly });
  return { items, passwordsNote, keepsPasswords: passwordsNote === undefined, save, forget, open };
}

function pageItem(entry: RememberedConnection): SavedItem {
  return { ...entry, name: entry.name ?? entry.url, hasPassword: false };
}
