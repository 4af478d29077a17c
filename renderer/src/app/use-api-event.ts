import { useEffect, useRef } from 'react';
import type { ApiEvent } from '../../../electron/api/contract/events.js';
import { useClient } from './client-context.js';

/** Calls `listener` for every event main sends, always the latest listener, one subscription. */
export function useApiEvent(listener: (event: ApiEvent) => void): void {
  const client = useClient();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => client.subscribe((event) => latest.current(event)), [client]);
}
