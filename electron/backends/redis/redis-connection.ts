/**
 * One ioredis connection per opened Redis store (plus one for events). A call made while the server is away
 * fails at once with a clear error instead of waiting in a queue, a command in flight when the connection
 * drops is not sent again (a resent write could land twice, or land after the user was told it failed), and
 * the client keeps reconnecting in the background, so the next call after the server returns just works.
 */
import { Redis } from 'ioredis';
import { CONNECT_TIMEOUT_MS } from '../backend-errors.js';
import type { ServerTarget } from '../connection-string.js';
import { ConnectionStringError } from '../connection-string.js';
import { clusterRefused, databaseRefused, explainRedisError, notRedis } from './redis-errors.js';

const MAX_RECONNECT_DELAY_MS = 2_000;

/** The Redis database number from the URL's path: go-micro's `redis.ParseURL` reads it the same way. */
export function databaseNumber(target: ServerTarget): number {
  if (target.path === '') return 0;
  if (!/^\d+$/.test(target.path)) {
    throw new ConnectionStringError(
      `redis:// takes a database number as its path (redis://host:6379/0), not "${target.path}"`,
    );
  }
  return Number(target.path);
}

export async function openRedisClient(target: ServerTarget): Promise<Redis> {
  const db = databaseNumber(target);
  const client = new Redis({
    host: target.host,
    port: target.port,
    username: target.user === '' ? undefined : target.user,
    password: target.password,
    db,
    tls: target.tls ? { servername: target.host } : undefined,
    // go-redis reads the same URL parameter; an operator sees who is connected in CLIENT LIST.
    connectionName: target.params.get('client_name') ?? 'store-inspector',
    lazyConnect: true,
    // ioredis's ready check is a round trip of its own (a whole INFO); checkServer asks what it proves (a
    // Redis that answers, and lets us in) in the round trip that asks what the store needs.
    enableReadyCheck: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  });
  // The failing call reports a lost server; the event would otherwise be printed as unhandled. At open,
  // connect() only says "Connection is closed": the socket's own error says why (refused, unknown host).
  let socketError: unknown;
  client.on('error', (error: unknown) => {
    socketError = error;
  });
  try {
    await withinConnectTimeout(client.connect());
  } catch (error) {
    client.disconnect();
    // A timeout is ours; otherwise connect() only says "Connection is closed" and the socket's error says why.
    const cause = (error as { code?: unknown }).code === 'ETIMEDOUT' ? error : (socketError ?? error);
    throw notRedis(cause, where(target)) ?? explainRedisError(cause, where(target));
  }
  await selectOrRefuse(client, db, target);
  return client;
}

/**
 * ioredis's connectTimeout covers the TCP handshake only: a listener that accepts and never answers (a
 * firewall, another program) would keep connect() waiting for its handshake (HELLO, CLIENT SETNAME) forever.
 */
async function withinConnectTimeout(connecting: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('no answer to the ready check'), { code: 'ETIMEDOUT' })),
      CONNECT_TIMEOUT_MS,
    );
  });
  connecting.catch(() => undefined);
  try {
    await Promise.race([connecting, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * ioredis sends SELECT when ready but only emits its failure as an event and goes on in database 0: a write
 * would land in the wrong database. go-redis fails the connection instead; so do we, with the server's words.
 */
async function selectOrRefuse(client: Redis, db: number, target: ServerTarget): Promise<void> {
  if (db === 0) return;
  try {
    await client.select(db);
  } catch (error) {
    client.disconnect();
    throw databaseRefused(error, where(target), db);
  }
}

/**
 * Stands for ioredis's ready check: a server that does not answer as Redis, or (past a RESP2 handshake, whose
 * CLIENT SETNAME fails quietly; HELLO 3 refuses at once) requires a password we lack, fails here as it failed
 * there. Refuses a Redis Cluster node too (clusterRefused). A server that does not let us read INFO (NOPERM,
 * which ioredis's check let through as well) is taken for a standalone one: what it is cannot be known, and a
 * cluster node would fail our first multi-key write loudly.
 */
export async function checkServer(client: Redis, target: ServerTarget): Promise<void> {
  let info: string;
  try {
    info = await client.info('cluster');
  } catch (error) {
    if (error instanceof Error && /^NOPERM/.test(error.message)) return;
    throw notRedis(error, where(target)) ?? explainRedisError(error, where(target));
  }
  if (/^cluster_enabled:1\s*$/m.test(info)) throw clusterRefused(where(target));
}

/** A second connection for SUBSCRIBE (a subscribed connection can send nothing else). */
export async function openSubscriber(client: Redis): Promise<Redis> {
  // No ready check (an INFO round trip): the main connection has just passed checkServer, and a cold first
  // page waits for this connection's subscription before its SCAN starts.
  const subscriber = client.duplicate({ enableOfflineQueue: true, enableReadyCheck: false });
  subscriber.on('error', () => undefined);
  await subscriber.connect();
  return subscriber;
}

export function where(target: ServerTarget): string {
  return `${target.host}:${target.port}`;
}

/** Runs `work`, turning a connection failure into a BackendUnavailableError that names the server. */
export async function explained<T>(target: ServerTarget, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw explainRedisError(error, where(target));
  }
}
