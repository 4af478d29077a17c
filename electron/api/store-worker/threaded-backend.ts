import type { StoreInfo } from '../../store/inspector-store.js';
import { StoreStateError } from '../../store/types.js';
import type { LocalStore } from '../local-store.js';
import type { OpenedLocalStore, OpenOptions } from '../open-local-store.js';
import { type CancelSignal, flagFor } from './cancel-flag.js';
import type { CallArgs, OpenedReport, ThreadedCall, ThreadRole, ThreadSetup } from './protocol.js';
import { CALL_THREADS, CANCEL_FLAG } from './protocol.js';
import { type ProgressListener, StoreThread } from './store-thread.js';

/** Readers kept open from the start, so a slow read never holds the next one. */
const MIN_READERS = 2;
/** More start when every reader is busy with a slow read (several counts at once); beyond this, reads queue. */
const MAX_READERS = 4;
/** A reader busy for longer than this is probably running a slow read: a new read is not queued behind it. */
const SLOW_READ_MS = 100;

/**
 * Opens `path` on threads of its own (see docs/architecture.md, "The store runs off the main thread"):
 * the same backend as openBackend, answering the same calls, but a slow call blocks only its thread.
 */
export async function openThreadedBackend(path: string, options: OpenOptions): Promise<OpenedLocalStore> {
  const backend = new ThreadedBackend({
    path,
    readOnly: options.readOnly,
    ...(options.database ? { database: options.database } : {}),
    ...(options.table ? { table: options.table } : {}),
  });
  const report = await backend.start();
  return { backend, kind: report.kind };
}

/**
 * Every threaded call (CALL_THREADS) as a method that posts it to its thread, so that a call declared in
 * LocalStore and given a thread there needs nothing more here. A subclass field replaces the few that do more.
 */
abstract class ThreadCalls {
  protected abstract route(role: ThreadRole, call: ThreadedCall, args: unknown[]): Promise<unknown>;

  constructor() {
    for (const [call, role] of Object.entries(CALL_THREADS) as [ThreadedCall, ThreadRole][]) {
      (this as Record<string, unknown>)[call] = (...args: unknown[]) => this.route(role, call, args);
    }
  }
}
const Threaded = ThreadCalls as abstract new () => ThreadCalls & Pick<LocalStore, ThreadedCall>;

/**
 * The main thread's stand-in for a store: every call becomes a message to a thread that holds a connection.
 * One writer takes every write in order; reads go to an idle reader (SQLite's WAL lets them read beside a
 * writer, even one waiting for another process's lock); a watcher answers change polling, never queued
 * behind a slow read. An in-memory store has one connection only: its writer serves everything.
 */
export class ThreadedBackend extends Threaded implements LocalStore {
  private writer: StoreThread | undefined;
  private readers: StoreThread[] = [];
  private watcher: StoreThread | undefined;
  private report: OpenedReport | undefined;
  private closed = false;

  constructor(private setup: ThreadSetup) {
    super();
  }

  /** Opens the store on the writer (which creates or migrates it), then the readers beside it. */
  async start(): Promise<OpenedReport> {
    const writer = this.writerThread();
    try {
      this.report = await writer.opened;
    } catch (error) {
      this.closed = true;
      void writer.terminate('the store did not open');
      throw error;
    }
    if (!this.singleConnection) while (this.readers.length < MIN_READERS) this.addReader();
    // Ready to read and watch when open returns: the change watcher's first token is the state at open, not
    // whatever came after a thread started. A thread that fails to open says why on its first call.
    const watcher = this.watcherThread();
    await Promise.allSettled([...this.readers, watcher].map((thread) => thread.opened));
    return this.report;
  }

  /**
   * Stops every read running now (their calls fail; fresh readers take the next ones): for a read nobody
   * waits for any more, such as a count the user's next keystroke superseded.
   */
  cancelRunningReads(): number {
    const busy = this.readers.filter((reader) => reader.load > 0);
    for (const reader of busy) void reader.terminate('its read was cancelled');
    return busy.length;
  }

  /** How many threads the store runs on now (0 once closed). */
  get threadCount(): number {
    return this.liveThreads().length;
  }

  async init(...args: CallArgs<'init'>): Promise<void> {
    const [options = {}] = args;
    this.setup = {
      ...this.setup,
      ...(options.database ? { database: options.database } : {}),
      ...(options.table ? { table: options.table } : {}),
    };
    const answers = await Promise.all(this.liveThreads().map((thread) => thread.call('init', args)));
    if (this.report && answers[0]) this.report = { ...this.report, options: answers[0] as OpenedReport['options'] };
  }

  options(): ReturnType<LocalStore['options']> {
    return { ...this.opened().options };
  }

  override toString(): string {
    return this.opened().name;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const writer = this.writer;
    const others = this.liveThreads().filter((thread) => thread !== writer);
    this.writer = undefined;
    this.watcher = undefined;
    this.readers = [];
    await Promise.all(others.map((thread) => closeThread(thread)));
    // Last, so that SQLite checkpoints its log into the file and removes it, as a single connection would.
    if (writer?.alive) await closeThread(writer);
  }

  /** Readers open the file read-only; what the user sees is how the writer opened it (see start()). */
  override info = async (): Promise<StoreInfo> => {
    const info = (await this.route('reader', 'info', [])) as StoreInfo;
    if (this.opened().kind !== 'sqlite') return info;
    const { readOnly, readOnlyReason } = this.opened();
    const { readOnlyReason: _readerReason, ...rest } = info;
    return { ...rest, readOnly, ...(readOnlyReason === undefined ? {} : { readOnlyReason }) };
  };

  /**
   * A call's progress callback stays here (the thread reports through messages, see ToThread); its signal
   * crosses as a shared flag (cancel-flag.ts). Both ride in a call's last argument, its options.
   */
  protected route(role: ThreadRole, call: ThreadedCall, args: unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new StoreStateError('the store is closed', 'closed'));
    const { crossing, onProgress } = crossingArgs(args);
    return this.threadFor(role).call(call, crossing, onProgress);
  }

  private threadFor(role: ThreadRole): StoreThread {
    if (role === 'writer') return this.writerThread();
    return role === 'reader' ? this.readerThread() : this.watcherThread();
  }

  private get singleConnection(): boolean {
    return this.setup.path === ':memory:';
  }

  private writerThread(): StoreThread {
    this.writer ??= this.spawn('writer', this.setup);
    return this.writer;
  }

  private watcherThread(): StoreThread {
    if (this.singleConnection) return this.writerThread();
    // Writable when the store is: its polling keeps the change log's lease (see WatchLease), so every writer logs.
    this.watcher ??= this.spawn('watcher', this.setup);
    return this.watcher;
  }

  /**
   * An idle reader. When every reader is busy: one whose call started lately (a page queues behind a page,
   * not behind a count running for seconds); when every one has been busy for a while, a reader that is
   * starting, or a new one while there is room. Otherwise the read queues where it will wait least.
   */
  private readerThread(): StoreThread {
    if (this.singleConnection) return this.writerThread();
    const ready = this.readers.filter((reader) => reader.ready);
    const idle = ready.find((reader) => reader.load === 0);
    if (idle) return idle;
    const now = performance.now();
    const quick = ready.filter((reader) => reader.busyFor(now) < SLOW_READ_MS);
    if (quick.length > 0) return leastBusy(quick);
    const starting = this.readers.find((reader) => !reader.ready);
    if (starting) return starting;
    if (this.readers.length < MAX_READERS) return this.addReader();
    return leastBusy(this.readers);
  }

  private addReader(): StoreThread {
    const reader = this.spawn('reader', { ...this.setup, readOnly: true });
    this.readers.push(reader);
    return reader;
  }

  /** A thread that stops is forgotten: the next call that needs its role starts a fresh one. */
  private spawn(role: ThreadRole, setup: ThreadSetup): StoreThread {
    return new StoreThread(role, setup, (stopped) => {
      if (this.writer === stopped) this.writer = undefined;
      if (this.watcher === stopped) this.watcher = undefined;
      this.readers = this.readers.filter((reader) => reader !== stopped);
    });
  }

  private liveThreads(): StoreThread[] {
    return [this.writer, this.watcher, ...this.readers].filter(
      (thread): thread is StoreThread => thread?.alive === true,
    );
  }

  private opened(): OpenedReport {
    if (this.report === undefined) throw new StoreStateError('the store is not open yet', 'closed');
    return this.report;
  }
}

/**
 * The writer finishes what it was asked (its writes are the user's) and closes its connection; an idle
 * thread closes; a busy reader or watcher is stopped, since nobody needs its answer any more.
 */
function closeThread(thread: StoreThread): Promise<void> {
  if (thread.role !== 'writer' && thread.load > 0) {
    void thread.terminate('the store was closed');
    return Promise.resolve();
  }
  return thread
    .call('close')
    .catch(() => {})
    .then(() => thread.terminate('the store was closed'));
}

/** A call's arguments as they cross: its options without the callback and the signal, which cannot. */
function crossingArgs(args: unknown[]): { crossing: unknown[]; onProgress?: ProgressListener } {
  const last = args.at(-1);
  if (!isPlainObject(last) || (!('onProgress' in last) && !('signal' in last))) return { crossing: args };
  const { onProgress, signal, ...rest } = last;
  const options = isCancelSignal(signal) ? { ...rest, [CANCEL_FLAG]: flagFor(signal) } : rest;
  return {
    crossing: [...args.slice(0, -1), options],
    ...(typeof onProgress === 'function' ? { onProgress: onProgress as ProgressListener } : {}),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isCancelSignal(value: unknown): value is CancelSignal {
  return typeof value === 'object' && value !== null && 'aborted' in value;
}

/** Fewest calls waiting; between equals, the one whose current call started last. */
function leastBusy(threads: StoreThread[]): StoreThread {
  return threads.reduce((best, thread) =>
    thread.load < best.load || (thread.load === best.load && thread.busyFor() < best.busyFor()) ? thread : best,
  );
}
