import { useState } from 'react';
import { addRecent, type RememberedConnection } from './connection-list.js';
import { loadRemembered, storeRemembered } from './remembered-storage.js';

/** The recent connections the page keeps, and the one way to add one (Open connection and Copy both do). */
export function useRecentConnections() {
  const [recent, setRecent] = useState(() => loadRemembered('recent'));
  const remember = (used: RememberedConnection) => {
    const next = addRecent(recent, used);
    storeRemembered('recent', next);
    setRecent(next);
  };
  return { recent, remember };
}
