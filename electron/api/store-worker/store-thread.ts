import { Worker } from 'node:worker_threads';
import { fromCrossingError } from './crossing-error.js';
import type { BackendCall, FromThread, OpenedReport, ThreadRole, ThreadSetup, ToThread } from './protocol.js';
import { withBuffers } from './value-bytes.js';
import { findWorkerEntry } from './worker-entry.js';

/** A store thread stopped before it answered: it crashed, ran out of memory, or its read was cancelled. */
export class StoreThreadError extends Error {
  constructor(role: ThreadRole, reason: string) {
    super(`the store's ${role} thread stopped (${reason}) before answering; the call was not completed: try again`);
    this.name = 'StoreThreadError';
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: ProgressListener;
}

export type ProgressListener = (done: number, total: number) => void;

let entry: URL | undefined;

/**
 * One worker thread holding one connection to the store. Calls are answered in the order posted; a call
 * counts as pending (see `load`) from the moment it is made, even before the thread has opened the store,
 * so the next call picks another thread. The thread keeps the process alive only while a call is pending.
 */
export class StoreThread {
  readonly opened: Promise<OpenedReport>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: Error | undefined;
  private isReady = false;
  /** When the call it is running now started (calls run in order: the oldest pending one). */
  private runningSince: number[] = [];

  constructor(
    readonly role: ThreadRole,
    setup: ThreadSetup,
    private readonly onStop: (thread: StoreThread) => void = () => {},
  ) {
    entry ??= findWorkerEntry();
    // No inherited flags: the thread's code is plain JavaScript, and some flags (--input-type, loaders) make
    // a worker fail to start.
    this.worker = new Worker(entry, { workerData: setup, name: `store ${role}`, execArgv: [] });
    this.worker.unref();
    this.opened = new Promise<OpenedReport>((resolve, reject) => {
      this.worker.on('message', (message: FromThread) => {
        if (message.type === 'opened') {
          this.isReady = true;
          resolve(message.report);
        } else if (message.type === 'open-failed') {
          // A thread without a store is no use: its calls get the reason, the next call starts a fresh one.
          const error = fromCrossingError(message.error);
          reject(error);
          this.stop(error);
          void this.worker.terminate();
        } else if (message.type === 'progress') this.pending.get(message.id)?.onProgress?.(message.done, message.total);
        else this.settle(message);
      });
      this.worker.on('error', (error) => this.stop(new StoreThreadError(role, error.message), reject));
      this.worker.on('exit', (code) => this.stop(new StoreThreadError(role, `exit code ${code}`), reject));
    });
    // Nobody may be waiting for the opening yet; its failure reaches every call.
    this.opened.catch(() => {});
  }

  /** Number of calls made and not yet answered. */
  get load(): number {
    return this.pending.size;
  }

  get alive(): boolean {
    return this.stopped === undefined;
  }

  /** The store is open on this thread: a call made now starts at once if it is idle. */
  get ready(): boolean {
    return this.isReady && this.alive;
  }

  /** How long its current call has been running (0 when idle). */
  busyFor(now = performance.now()): number {
    const since = this.runningSince[0];
    return since === undefined ? 0 : now - since;
  }

  /** `onProgress`: the call's last argument takes a progress callback (see ToThread). */
  call(call: BackendCall | 'close', args: unknown[] = [], onProgress?: ProgressListener): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    const message: ToThread =
      call === 'close' ? { id, call } : { id, call, args, ...(onProgress ? { progress: true } : {}) };
    const answer = new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
      this.runningSince.push(performance.now());
    });
    // The thread queues what arrives before it opened the store; a failed opening rejects the call (stop).
    this.worker.postMessage(message);
    return answer;
  }

  /** Stops the thread at once: what it was doing is lost (a read) or rolled back by SQLite (a write). */
  terminate(reason: string): Promise<void> {
    this.stop(new StoreThreadError(this.role, reason));
    return this.worker.terminate().then(() => {});
  }

  private settle(message: Extract<FromThread, { type: 'answer' | 'failure' }>): void {
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.pending.delete(message.id);
    this.runningSince.shift();
    // The next call starts now, not when it was made.
    if (this.runningSince.length > 0) this.runningSince[0] = performance.now();
    if (this.pending.size === 0) this.worker.unref();
    if (message.type === 'answer') pending.resolve(withBuffers(message.value));
    else pending.reject(fromCrossingError(message.error));
  }

  private stop(error: Error, rejectOpening: (error: Error) => void = () => {}): void {
    if (this.stopped) return;
    this.stopped = error;
    rejectOpening(error);
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.runningSince = [];
    this.worker.unref();
    this.onStop(this);
  }
}
