import { useEffect, useEffectEvent } from 'react';
import type { ApiEvent } from '../../../electron/api/contract/events.js';
import { useClient } from './client-context.js';

/**
 * Calls `listener` for every event main sends, always the latest listener (an effect event: never a render
 * React discarded), one subscription.
 */
export function useApiEvent(listener: (event: ApiEvent) => void): void {
  const client = useClient();
  const onEvent = useEffectEvent(listener);
  useEffect(() => client.subscribe((event) => onEvent(event)), [client]);
}
