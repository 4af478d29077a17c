import { parseRemembered, type RememberedConnection } from './connection-list.js';

/**
 * The page's own lists in localStorage (this origin: the desktop's app://, or serve's address): recent
 * connections everywhere, saved ones in browser mode. Never a password: the lists hold URLs without one.
 */
export type RememberedList = 'recent' | 'saved';

const KEYS: Record<RememberedList, string> = { recent: 'si_connections_recent', saved: 'si_connections_saved' };

export function loadRemembered(list: RememberedList): RememberedConnection[] {
  try {
    return parseRemembered(localStorage.getItem(KEYS[list]));
  } catch {
    return [];
  }
}

export function storeRemembered(list: RememberedList, entries: RememberedConnection[]): void {
  try {
    localStorage.setItem(KEYS[list], JSON.stringify(entries));
  } catch {
    // Storage full or refused (a private window): the list is a convenience, the connection still opens.
  }
}

const INITIAL_KEY = 'si_initial_store';

/**
 * Browser mode's first store in this tab (what serve was started with): "Back to" names it. Kept for the tab,
 * so a reload after switching still knows it.
 */
export function initialStoreDisplay(current: string | undefined): string | undefined {
  try {
    const known = sessionStorage.getItem(INITIAL_KEY);
    if (known !== null) return known;
    if (current !== undefined) sessionStorage.setItem(INITIAL_KEY, current);
    return current;
  } catch {
    return current;
  }
}
