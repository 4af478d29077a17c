/**
 * One NATS connection per opened store. The client reconnects by itself for as long as the store is open;
 * while it is away every call fails at once with a BackendUnavailableError naming the server, instead of
 * queuing a write that would land later, after we had reported it failed (docs/backend-nats.md).
 */
import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection as NatsClient } from '@nats-io/transport-node';
import {
  BackendUnavailableError,
  CONNECT_TIMEOUT_MS,
  UNAVAILABLE_ADVICE,
  type UnavailableReason,
} from '../backend-errors.js';
import type { ServerTarget } from '../connection-string.js';

const RECONNECT_WAIT_MS = 500;
/** nats-server's default max_payload, for the moment before its info arrives. */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
/**
 * JetStream API requests (consumer creation, stream info, each get) wait this long. The client's 5 s default
 * was too short on a loaded 2-core machine right after a bulk fill: the bucket's watch failed to start.
 */
const API_TIMEOUT_MS = 20_000;

export class NatsConnection {
  private connected = true;

  private constructor(
    readonly nc: NatsClient,
    readonly kvm: Kvm,
    /**
     * A second connection for the buckets' watches: a watch listing a million keys fills its connection
     * with messages, and a page's gets on the same connection would wait behind them (seconds, measured in
     * docs/backend-nats.md, "The first page of a large bucket").
     */
    readonly watchJs: JetStreamClient,
    private readonly watchNc: NatsClient,
    readonly where: string,
  ) {
    void this.followStatus();
  }

  static async open(target: ServerTarget): Promise<NatsConnection> {
    const where = `${target.host}:${target.port}`;
    try {
      const options = {
        servers: target.host.includes(':') ? `[${target.host}]:${target.port}` : where,
        ...(target.user === '' ? {} : { user: target.user }),
        ...(target.password === undefined ? {} : { pass: target.password }),
        timeout: CONNECT_TIMEOUT_MS,
        maxReconnectAttempts: -1,
        reconnectTimeWait: RECONNECT_WAIT_MS,
        name: 'store-inspector',
        ...(target.tls ? { tls: {} } : {}),
      };
      const nc = await connect(options);
      const watchNc = await connect({ ...options, name: 'store-inspector-watch' }).catch(async (error: unknown) => {
        await nc.close();
        throw error;
      });
      return new NatsConnection(nc, new Kvm(jetstreamWithTimeout(nc)), jetstreamWithTimeout(watchNc), watchNc, where);
    } catch (error) {
      throw explainNatsError(error, where, false);
    }
  }

  /** The largest message the server takes (its max_payload, 1 MB by default), from the info it sent at connect. */
  get maxPayload(): number {
    return this.nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD;
  }

  get isConnected(): boolean {
    return this.connected && !this.nc.isClosed();
  }

  /** Runs `work`, refusing at once while the server is away and naming it when a call fails for that. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.isConnected) throw unavailable(this.where, 'lost');
    try {
      return await work();
    } catch (error) {
      throw explainNatsError(error, this.where, !this.isConnected);
    }
  }

  async close(): Promise<void> {
    if (!this.watchNc.isClosed()) await this.watchNc.close();
    if (!this.nc.isClosed()) await this.nc.close();
  }

  private async followStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      else if (status.type === 'reconnect') this.connected = true;
    }
  }
}

/** A JetStream client whose API timeout is ours: a bucket of a million entries outlasts the default 5 s. */
function jetstreamWithTimeout(nc: NatsClient): JetStreamClient {
  return jetstream(nc, { timeout: API_TIMEOUT_MS });
}

const ADVICE: Readonly<Record<UnavailableReason, string>> = {
  ...UNAVAILABLE_ADVICE,
  refused: 'refused the connection: is nats-server running (with -js) and listening on that port?',
  // Not the connect timeout's sentence: a JetStream request (20 s) or a server without -js times out too.
  timeout: 'did not answer in time: check the host, port and firewall, and that JetStream is enabled (-js)',
  lost: 'is not connected (it went away; the app reconnects by itself when it returns): try again',
};

/** Each record is its own put: those reported written stay, the one in flight may or may not have landed. */
export const NATS_LOST_WRITE = 'nothing of the unfinished write was kept beyond the records reported written';

function unavailable(where: string, reason: UnavailableReason, detail?: string): BackendUnavailableError {
  return new BackendUnavailableError(
    `NATS at ${where} ${ADVICE[reason]}${detail === undefined ? '' : ` (${detail})`}`,
    reason,
  );
}

/** A BackendUnavailableError for a connection failure, or the error itself when it is something else. */
function explainNatsError(error: unknown, where: string, disconnected: boolean): unknown {
  if (!(error instanceof Error) || error instanceof BackendUnavailableError) return error;
  const text = `${error.name} ${error.message} ${String((error as { code?: unknown }).code ?? '')}`;
  if (disconnected || /closed|disconnect|CONNECTION_CLOSED/i.test(text))
    return unavailable(where, 'lost', error.message);
  // The client's own words are "connection refused" (ConnectionError), Node's are ECONNREFUSED.
  if (/ECONNREFUSED|connection ?refused|CONNECTION_REFUSED/i.test(text))
    return unavailable(where, 'refused', error.message);
  if (/ENOTFOUND|EHOSTUNREACH|ENETUNREACH/i.test(text)) return unavailable(where, 'unreachable', error.message);
  if (/Authorization|authentication/i.test(text)) return unavailable(where, 'auth-failed', error.message);
  if (/Timeout|TIMEOUT|no responders|NoResponders/i.test(text)) return unavailable(where, 'timeout', error.message);
  return error;
}
