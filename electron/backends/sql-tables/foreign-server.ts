/**
 * A URL whose port belongs to another kind of server fails at once and says so, as on Redis (redis-errors.ts,
 * `notRedis`), instead of handing the driver another protocol's bytes or waiting out the 5 s connect timeout.
 * Two things tell:
 * - The first bytes on our own connection. NATS greets with "INFO {", MySQL with its handshake, SSH with
 *   "SSH-": none of them can begin a Postgres answer, nor (but MySQL's own) a MySQL greeting.
 * - A line of text sent on a second connection, only when ours has heard nothing for PROBE_AFTER_MS. Redis
 *   says nothing to a Postgres start-up message (it waits for a line, and every Postgres message begins with a
 *   zero byte) nor to a client waiting for MySQL's greeting, but answers PING at once. A real server that is
 *   just slow sees one line it cannot read (Postgres logs "invalid length of startup packet", MySQL an aborted
 *   connection) and our connection goes on waiting, as before.
 */
import { Socket } from 'node:net';
import { BackendUnavailableError } from '../backend-errors.js';

/** What a backend expects at the other end of its connection. */
export interface ExpectedServer {
  /** The server's name in sentences. */
  name: string;
  /** Where it listens unless told otherwise: named in the advice. */
  defaultPort: number;
  /** Whether `first`, the first bytes a server sent on a connection, can begin this kind's answer. */
  answersAs(first: Buffer): boolean;
  /**
   * MySQL greets every connection, the probe's too: a probe closed without a word is not MySQL. Postgres
   * speaks only when spoken to in its own protocol, so it answers the probe's line with nothing, and hangs up.
   */
  greetsFirst: boolean;
}

/** A server that has not answered by now is asked, on the side, what it is. Postgres answers in milliseconds. */
const PROBE_AFTER_MS = 1_000;

const PROBE_LINE = 'PING\r\n';

/**
 * A client socket that ends, with a sentence naming what it expected, as soon as the server shows it is of
 * another kind: pg connects it itself (its `stream`), mysql2 is handed it connecting (my-connection.ts).
 */
export class KindCheckedSocket extends Socket {
  private heard = false;
  private silence: NodeJS.Timeout | undefined;
  private probing: Socket | undefined;

  constructor(
    private readonly expected: ExpectedServer,
    private readonly host: string,
    private readonly port: number,
  ) {
    super();
    this.once('connect', () => {
      this.silence = setTimeout(() => this.probe(), PROBE_AFTER_MS).unref();
    });
    this.once('close', () => this.settle());
  }

  /** The first chunk is judged before the driver sees it: another protocol's bytes never reach its parser. */
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    const first = args[0];
    if (event === 'data' && !this.heard && Buffer.isBuffer(first)) {
      this.settle();
      if (!this.expected.answersAs(first)) {
        this.destroy(this.notExpected(`it sent ${shown(first)}`));
        return true;
      }
    }
    return super.emit(event, ...args);
  }

  /**
   * Asks the very peer this connection reached (a URL's `?host=` may send pg elsewhere than the URL's host, and a
   * name may resolve to several machines); a connection over a unix socket has no port to ask and is not probed.
   */
  private probe(): void {
    if (this.heard || this.destroyed) return;
    const { remoteAddress, remotePort } = this;
    if (remoteAddress === undefined || remotePort === undefined) return;
    const probe = new Socket();
    this.probing = probe;
    let connected = false;
    let answered = false;
    // A probe that fails tells nothing: our own connection still reports what it meets.
    probe.on('error', () => undefined);
    probe.once('data', (answer: Buffer) => {
      answered = true;
      probe.destroy();
      // A pooler in front of Postgres may answer the line with a Postgres error: that is not another kind.
      if (!this.expected.answersAs(answer)) this.foreign(`it answered ${shown(answer)} to a line of text`);
    });
    probe.once('close', () => {
      if (connected && !answered && this.expected.greetsFirst)
        this.foreign('it closed a connection without a greeting');
    });
    probe.connect(remotePort, remoteAddress, () => {
      connected = true;
      probe.write(PROBE_LINE);
    });
  }

  private foreign(said: string): void {
    if (this.heard || this.destroyed) return;
    this.settle();
    this.destroy(this.notExpected(said));
  }

  /** Our connection heard its answer, or ended: no probe is wanted any more. */
  private settle(): void {
    this.heard = true;
    clearTimeout(this.silence);
    this.probing?.destroy();
  }

  private notExpected(said: string): BackendUnavailableError {
    const { name, defaultPort } = this.expected;
    return new BackendUnavailableError(
      `${this.host}:${this.port} did not answer as a ${name} server (${said}): is that the ${name} port? (${name} listens on ${defaultPort} by default)`,
      'refused',
    );
  }
}

/**
 * A MySQL packet, whole in `first`: its 3-byte little-endian length, sequence 0, then protocol 10's greeting or
 * an error (0xFF). Its length byte may read as a Postgres message's type (82 is "R"), so Postgres rules it out.
 */
export function isMySqlGreeting(first: Buffer): boolean {
  if (first.length < 5) return false;
  const length = (first[0] ?? 0) | ((first[1] ?? 0) << 8) | ((first[2] ?? 0) << 16);
  return first[3] === 0 && (first[4] === 10 || first[4] === 0xff) && first.length === length + 4;
}

/** The start of what a server sent, readable in a sentence: a text protocol's words, a binary one's dots. */
function shown(bytes: Buffer): string {
  const text = bytes
    .subarray(0, 32)
    .toString('latin1')
    .replace(/\r?\n$/, '')
    .replace(/[^ -~]/g, '.');
  return `"${text}${bytes.length > 32 ? '…' : ''}"`;
}
