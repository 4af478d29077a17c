import { useEffect, useState } from 'react';
import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { type Namespace, sameNamespace } from '../ui/namespace.js';
import { DEFAULT_VIEW, decodeView, encodeView, problemNotice, type ViewState } from './view-state.js';

const STORAGE_PREFIX = 'store-inspector.view:';

interface ViewBinding {
  mode: ApiClient['mode'];
  /** The open store's display name (its path); undefined until known. */
  storePath: string | undefined;
  databases: DatabaseInfoDto[] | undefined;
  /** What the window shows now. */
  current: ViewState;
  apply: (view: ViewState) => void;
  notify: (text: string) => void;
}

/**
 * The view as the page opened it, read before the first render so that the grid's first query is the
 * view's (browser mode: the address's hash; the serve token was taken out of the address before this).
 */
export function initialView(mode: ApiClient['mode']): ViewState {
  return mode === 'browser' ? decodeView(window.location.hash).view : DEFAULT_VIEW;
}

/**
 * Keeps the view where it can be found again: the address's hash in browser mode (replaced, not pushed:
 * typing in a filter adds no history entries), the last view per store in the desktop app. Once the store's
 * tables are known, the saved view is applied; what in it is not valid is left out, with a notice.
 */
export function useViewState({ mode, storePath, databases, current, apply, notify }: ViewBinding): void {
  const [restored, setRestored] = useState<string>();
  const encoded = encodeView(current);
  const due =
    storePath !== undefined &&
    databases !== undefined &&
    (mode === 'browser' ? restored === undefined : restored !== storePath);
  useEffect(() => {
    if (!due || storePath === undefined || databases === undefined) return;
    const saved = mode === 'browser' ? window.location.hash : readStored(storePath);
    // Nothing saved: nothing to apply. Applying an empty view would wipe what the user typed while the
    // store's tables were still being read.
    if (saved.replace(/^#/, '') === '') {
      setRestored(storePath);
      return;
    }
    const { view, problems } = decodeView(saved);
    const missing = view.namespace !== undefined && !hasTable(databases, view.namespace);
    if (missing && view.namespace !== undefined)
      problems.push(`no table ${view.namespace.database} / ${view.namespace.table} in this store`);
    apply(missing ? { ...view, namespace: undefined } : view);
    const notice = problemNotice(problems, mode === 'browser' ? 'address' : 'saved view');
    if (notice !== undefined) notify(notice);
    setRestored(storePath);
  }, [due, mode, storePath, databases, apply, notify]);
  const ready = restored !== undefined && (mode === 'browser' || restored === storePath);
  useEffect(() => {
    if (!ready || storePath === undefined) return;
    if (mode === 'browser') writeHash(encoded);
    else writeStored(storePath, encoded);
  }, [ready, mode, storePath, encoded]);
}

function hasTable(databases: DatabaseInfoDto[], namespace: Namespace): boolean {
  return databases.some((db) =>
    db.tables.some((t) => sameNamespace({ database: db.database, table: t.table }, namespace)),
  );
}

function writeHash(encoded: string): void {
  const url = new URL(window.location.href);
  // Never put a token back in the address: client.ts took it out on load.
  url.searchParams.delete('token');
  url.hash = encoded;
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
}

function readStored(storePath: string): string {
  try {
    return localStorage.getItem(STORAGE_PREFIX + storePath) ?? '';
  } catch {
    return '';
  }
}

function writeStored(storePath: string, encoded: string): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + storePath, encoded);
  } catch {
    // Storage refused: the view is not remembered, nothing else changes.
  }
}
