import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useEffectEvent,
  useState,
  useSyncExternalStore,
} from 'react';
import { useClient } from '../app/client-context.js';
import { useApiEvent } from '../app/use-api-event.js';
import { LiveFeed, type LiveSignal, type LiveSnapshot } from './live-feed.js';

const LiveContext = createContext<LiveFeed | null>(null);

/** Keeps one LiveFeed for the window, fed by main's events. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [feed] = useState(() => new LiveFeed(client));
  useApiEvent(feed.onEvent);
  useEffect(() => feed.start(), [feed]);
  return <LiveContext value={feed}>{children}</LiveContext>;
}

export function useLiveFeed(): LiveFeed {
  const feed = useContext(LiveContext);
  if (feed === null) throw new Error('useLiveFeed needs a LiveProvider above it');
  return feed;
}

/** One field of the live snapshot; the component renders again only when that field changes. */
export function useLive<K extends keyof LiveSnapshot>(field: K): LiveSnapshot[K] {
  const feed = useLiveFeed();
  return useSyncExternalStore(feed.subscribe, () => feed.getSnapshot()[field]);
}

/** Calls the latest `listener` on each `signal` of the live feed (see LiveSignal), one subscription. */
export function useLiveSignal(signal: LiveSignal, listener: () => void): void {
  const feed = useLiveFeed();
  const onSignal = useEffectEvent(listener);
  useEffect(() => feed.on(signal, () => onSignal()), [feed, signal]);
}
