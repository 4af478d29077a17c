import { existsSync } from 'node:fs';
import { LONE_SURROGATE_MESSAGE } from '../common/path-text.js';
import { hasLoneSurrogate } from '../common/unicode-text.js';
import { StoreInputError, StoreStateError } from '../store/index.js';
import type { BackendInfo, InspectorBackend, StoreKind } from './inspector-backend.js';
import { type OpenedBackend, type OpenOptions, openBackend } from './open-backend.js';
import { openThreadedBackend } from './store-worker/threaded-backend.js';

export type OpenedStoreInfo = BackendInfo & { kind: StoreKind };

export interface SessionOptions {
  /**
   * Where the store's calls run: on threads of its own ('worker', the default: a slow call blocks only its
   * thread), or on this one ('main': the old way, kept as the benchmark's baseline).
   */
  threads?: 'worker' | 'main';
}

/**
 * The one store a window (or a serve process) has open: a SQLite store, or a go-micro file store (always
 * read-only). Opening another closes the previous one only after the new one opened, so a failed open never
 * leaves the user with nothing. The store runs on threads of its own (store-worker/), so a slow call (a
 * write waiting for another process's lock, a count over millions of records) never blocks this thread.
 */
export class StoreSession {
  private current: InspectorBackend | undefined;
  private currentPath: string | undefined;
  private currentKind: StoreKind | undefined;
  private readOnlySession: boolean;

  private readonly openStore: (path: string, options: OpenOptions) => Promise<OpenedBackend>;

  /** `readOnly` forces every store this session opens to be read-only (`--read-only`). */
  constructor(
    private readonly forceReadOnly = false,
    { threads = 'worker' }: SessionOptions = {},
  ) {
    this.readOnlySession = forceReadOnly;
    this.openStore = threads === 'worker' ? openThreadedBackend : openBackend;
  }

  get store(): InspectorBackend | undefined {
    return this.current;
  }

  get path(): string | undefined {
    return this.currentPath;
  }

  /** Which backend the open store has; undefined when none is open. */
  get kind(): StoreKind | undefined {
    return this.currentKind;
  }

  get readOnly(): boolean {
    return this.readOnlySession;
  }

  async open(path: string, readOnly: boolean): Promise<InspectorBackend> {
    // Node would replace the surrogate and open (or create) a file of another name.
    if (hasLoneSurrogate(path)) throw new StoreInputError(LONE_SURROGATE_MESSAGE);
    const { backend, kind } = await this.openStore(path, { readOnly: readOnly || this.forceReadOnly });
    // A file this user cannot write opens read-only by itself (its info says why).
    const cannotWrite = (await backend.info()).readOnly;
    await this.close();
    this.current = backend;
    this.currentPath = path;
    this.currentKind = kind;
    this.readOnlySession = readOnly || this.forceReadOnly || kind === 'gomicro' || cannotWrite;
    return backend;
  }

  async create(path: string): Promise<InspectorBackend> {
    if (this.forceReadOnly) {
      throw new StoreStateError('this session is read-only: no store can be created', 'read-only');
    }
    if (existsSync(path)) throw new StoreStateError(`${path} already exists; open it instead`, 'foreign-file');
    return this.open(path, false);
  }

  /** The open store's info with its kind, or null when none is open. */
  async info(): Promise<OpenedStoreInfo | null> {
    if (this.current === undefined) return null;
    return { ...(await this.current.info()), kind: this.currentKind ?? 'sqlite' };
  }

  async close(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    this.currentPath = undefined;
    this.currentKind = undefined;
    await previous?.close();
  }
}
