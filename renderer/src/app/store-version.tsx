import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import type { ApiEvent } from '../../../electron/api/contract/events.js';
import { useClient } from './client-context.js';

/** Goes up by one each time something is committed to the store file, by us or by anyone else. */
const StoreVersionContext = createContext(0);

export function StoreVersionProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  useApiEvent((event) => {
    if (event.type === 'store-changed' || event.type === 'store-opened') setVersion((current) => current + 1);
  });
  return <StoreVersionContext value={version}>{children}</StoreVersionContext>;
}

export function useStoreVersion(): number {
  return useContext(StoreVersionContext);
}

/** Calls `listener` for every event main sends, always the latest listener, one subscription. */
export function useApiEvent(listener: (event: ApiEvent) => void): void {
  const client = useClient();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => client.subscribe((event) => latest.current(event)), [client]);
}
