/**
 * How external writes reach the inspector. When the server publishes keyspace notifications
 * (`notify-keyspace-events` holding K or E and the generic, string and expired classes), a second connection
 * subscribes to the table's keys and each change arrives at once. When it does not, we say so and poll: the
 * server's config is the operator's, never changed without being asked (docs/backend-redis.md, "Live").
 */
import type { Redis } from 'ioredis';
import type { Change, ChangeKind } from '../../store/change-feed.js';
import { globLiteral } from './redis-keys.js';

interface NotificationSupport {
  /** 'keyspace': channels per key (K); 'keyevent': channels per event (E) filtered here; null: none. */
  channels: 'keyspace' | 'keyevent' | null;
  /** Why there are no events, and how an operator turns them on. */
  why?: string;
}

const TURN_ON = 'CONFIG SET notify-keyspace-events KEA';

export async function notificationSupport(client: Redis): Promise<NotificationSupport> {
  let flags: string;
  try {
    const reply = (await client.config('GET', 'notify-keyspace-events')) as string[];
    flags = reply[1] ?? '';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { channels: null, why: `the server does not let us read its notification setting (${reason})` };
  }
  const classes = flags.includes('A') || ['g', '$', 'x'].every((flag) => flags.includes(flag));
  const channels = flags.includes('K') ? 'keyspace' : flags.includes('E') ? 'keyevent' : null;
  if (classes && channels !== null) return { channels };
  return {
    channels: null,
    why: `the server publishes no keyspace notifications for these changes (notify-keyspace-events is "${flags}"); an operator can turn them on with ${TURN_ON}`,
  };
}

/** Events that leave the key gone; every other event leaves it present. */
const GONE: Readonly<Record<string, ChangeKind>> = {
  del: 'delete',
  expired: 'expired',
  evicted: 'delete',
  rename_from: 'delete',
  move_from: 'delete',
};

export interface KeyEvent {
  table: string;
  /** The go-micro key as bytes (redis-keys.ts). */
  byteKey: string;
  event: string;
}

/** The change a keyspace event stands for; `known` says whether the key was in the snapshot before. */
export function changeOf(event: KeyEvent, database: string, seq: number, at: number, known: boolean): Change {
  const gone = GONE[event.event];
  const kind: ChangeKind = gone ?? (known ? 'update' : 'create');
  const key = Buffer.from(event.byteKey, 'latin1').toString('utf8');
  return { seq, database, table: event.table, key, kind, at };
}

export function isGone(event: string): boolean {
  return GONE[event] !== undefined;
}

/**
 * One subscriber connection for every watched table. Keyspace channels are matched per table on the server;
 * keyevent channels carry every key of the database, so those are matched to tables here.
 */
export class KeyspaceSubscriber {
  private readonly tables = new Set<string>();
  private readonly subscribing = new Map<string, Promise<unknown>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly db: number,
    private readonly channels: 'keyspace' | 'keyevent',
    onEvent: (event: KeyEvent) => void,
    onLost: () => void,
  ) {
    subscriber.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, message: Buffer) => {
      for (const event of this.eventsOf(channel, message)) onEvent(event);
    });
    // Events sent while the connection was down are lost: what was built on them must be renewed.
    subscriber.on('close', onLost);
  }

  /** Subscribes once per table; resolves when the server confirmed, so no later change is missed. */
  watch(table: string): Promise<unknown> {
    const known = this.subscribing.get(table);
    if (known !== undefined) return known;
    this.tables.add(table);
    const pattern =
      this.channels === 'keyspace' ? `__keyspace@${this.db}__:${globLiteral(table)}*` : `__keyevent@${this.db}__:*`;
    const done =
      this.channels === 'keyevent' && this.subscribing.size > 0
        ? (this.subscribing.values().next().value as Promise<unknown>)
        : this.subscriber.psubscribe(pattern);
    this.subscribing.set(table, done);
    return done;
  }

  private *eventsOf(channel: Buffer, message: Buffer): Generator<KeyEvent> {
    const text = channel.toString('latin1');
    const colon = text.indexOf(':');
    const [redisKey, event] =
      this.channels === 'keyspace'
        ? [text.slice(colon + 1), message.toString()]
        : [message.toString('latin1'), text.slice(colon + 1)];
    for (const table of this.tables) {
      const tableBytes = Buffer.from(table, 'utf8').toString('latin1');
      if (redisKey.startsWith(tableBytes)) yield { table, byteKey: redisKey.slice(tableBytes.length), event };
    }
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}
