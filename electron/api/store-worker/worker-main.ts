/**
 * A store thread: opens the store once, then serves the calls the main thread posts, one after another.
 * better-sqlite3 blocks whichever thread runs it; here that blocks only this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StoreStateError } from '../../store/types.js';
import type { LocalStore } from '../local-store.js';
import { openLocalStore } from '../open-local-store.js';
import { signalOf } from './cancel-flag.js';
import { toCrossingError } from './crossing-error.js';
import { CANCEL_FLAG, type FromThread, type ThreadSetup, type ToThread } from './protocol.js';
import { movableBuffers } from './value-bytes.js';

const port = parentPort;
if (port === null) throw new Error('worker-main runs as a worker thread (see store-thread.ts)');

const setup = workerData as ThreadSetup;
const post = (message: FromThread) => {
  const transfer = message.type === 'answer' ? movableBuffers(message.value) : [];
  try {
    port.postMessage(message, transfer);
  } catch {
    // A buffer Node marks untransferable (a pooled one): copied instead.
    port.postMessage(message);
  }
};

const opening = openLocalStore(setup.path, {
  readOnly: setup.readOnly,
  ...(setup.database ? { database: setup.database } : {}),
  ...(setup.table ? { table: setup.table } : {}),
});

opening.then(
  async ({ backend, kind }) => {
    const { readOnly, readOnlyReason } = await backend.info();
    const access = { readOnly, ...(readOnlyReason === undefined ? {} : { readOnlyReason }) };
    post({ type: 'opened', report: { kind, options: backend.options(), name: backend.toString(), ...access } });
  },
  (error: unknown) => post({ type: 'open-failed', error: toCrossingError(error) }),
);

// One call at a time, in the order posted: writes land in the order the API received them.
let served: Promise<void> = Promise.resolve();
port.on('message', (message: ToThread) => {
  served = served.then(() => serve(message));
});

async function serve(message: ToThread): Promise<void> {
  try {
    const { backend } = await opening;
    if (message.call === 'close') {
      await backend.close();
      post({ type: 'answer', id: message.id, value: null });
      return;
    }
    // go-micro's files have no editing calls; the backend adapter never asks for one, so this is a fault.
    const method = (backend as Partial<LocalStore>)[message.call] as ((...args: unknown[]) => unknown) | undefined;
    if (method === undefined) throw new StoreStateError(`this store does not answer ${message.call}`, 'read-only');
    const value = await method.apply(backend, withProgress(message));
    // init changes the default namespace: the main thread keeps the resolved options.
    post({ type: 'answer', id: message.id, value: message.call === 'init' ? backend.options() : value });
  } catch (error) {
    post({ type: 'failure', id: message.id, error: toCrossingError(error) });
  }
}

/**
 * A call that reports progress gets a callback here that posts each report to the main thread; one that
 * can be cancelled gets its signal back from the shared flag it crossed as.
 */
function withProgress(message: Extract<ToThread, { args: unknown[] }>): unknown[] {
  const last = message.args.at(-1);
  const flag = typeof last === 'object' && last !== null ? (last as Record<string, unknown>)[CANCEL_FLAG] : undefined;
  if (!message.progress && !(flag instanceof Int32Array)) return message.args;
  const { [CANCEL_FLAG]: _flag, ...options } = (last ?? {}) as Record<string, unknown>;
  const onProgress = (done: number, total: number) => post({ type: 'progress', id: message.id, done, total });
  return [
    ...message.args.slice(0, -1),
    {
      ...options,
      ...(message.progress ? { onProgress } : {}),
      ...(flag instanceof Int32Array ? { signal: signalOf(flag) } : {}),
    },
  ];
}
