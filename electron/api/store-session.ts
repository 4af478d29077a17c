import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { BackendCapabilities } from '../backends/backend.js';
import { type Backend, canEdit } from '../backends/backend.js';
import type { ConnectionTarget } from '../backends/connection-string.js';
import { type BackendKind, RefusedError, type RefusedFeature, refusalReason } from '../common/backend-refusals.js';
import { LONE_SURROGATE_MESSAGE } from '../common/path-text.js';
import { hasLoneSurrogate } from '../common/unicode-text.js';
import { StoreInputError, StoreStateError } from '../store/index.js';
import type { StoreInfo } from '../store/inspector-store.js';
import type { Namespace } from '../store/namespaces.js';
import type { StoreIdentity } from './contract/store-identity.js';
import { NoStoreError } from './errors.js';
import type { LocalStore, ReadingLocalStore } from './local-store.js';
import { type OpenedBackend, openBackend } from './open-backend.js';
import { PushedChanges } from './pushed-changes.js';

/** The one wording of each thing the open store refuses (backend-refusals.ts), for the page's controls. */
export type Refusals = Partial<Record<RefusedFeature, string>>;

export type OpenedStoreInfo = StoreInfo & {
  kind: BackendKind;
  /** The store as a person may see it: a path, or a URL with its password masked. */
  display: string;
  capabilities: BackendCapabilities;
  refusals: Refusals;
  /** Every store this session opens is read-only (`--read-only`): the page shows its choices so. */
  sessionReadOnly?: boolean;
};

export interface SessionOptions {
  /**
   * Where a local store's calls run: on threads of its own ('worker', the default: a slow call blocks only its
   * thread), or on this one ('main': the old way, kept as the benchmark's baseline).
   */
  threads?: 'worker' | 'main';
  /** How a target opens; tests give a real store another backend's capabilities (a kind not built yet). */
  openBackend?: typeof openBackend;
}

/**
 * The one store a window (or a serve process) has open, behind the Backend seam: a SQLite store, a go-micro
 * file store (always read-only), or a server named by URL. Opening another closes the previous one only after
 * the new one opened, so a failed open never leaves the user with nothing. A local store runs on threads of
 * its own (store-worker/), so a slow call never blocks this thread.
 */
export class StoreSession {
  private opened: OpenedBackend | undefined;
  private target: ConnectionTarget | undefined;
  private readonly threads: 'worker' | 'main';
  private readonly openTarget: typeof openBackend;
  private viewedTable: Namespace | undefined;
  private readonly viewedListeners = new Set<() => void>();
  /** A new one at every successful open or close: random, so a restarted serve never reuses an old tab's id. */
  private id = newStoreId();
  private readonly switchedListeners = new Set<(identity: StoreIdentity) => void>();
  /** The stores open before, by id, so a refused call can name the store it was made for (a few suffice). */
  private readonly earlier = new Map<string, string | null>();
  /** What the open server pushed, for `changes.since` where the backend keeps no change log (ChangeWatcher). */
  readonly pushed = new PushedChanges();

  /** `forceReadOnly` makes every store this session opens read-only (`--read-only`). */
  constructor(
    private readonly forceReadOnly = false,
    { threads = 'worker', openBackend: open = openBackend }: SessionOptions = {},
  ) {
    this.threads = threads;
    this.openTarget = open;
  }

  /** The table the page read last: the one a server's change feed watches (see ChangeWatcher). */
  get viewed(): Namespace | undefined {
    return this.viewedTable;
  }

  /**
   * Listeners hear of a new table at once, before its page is read: a watch started on the next timer tick
   * would miss a change made between that read and the tick, and the Changes panel would never list it.
   */
  set viewed(namespace: Namespace | undefined) {
    const same = namespace?.database === this.viewedTable?.database && namespace?.table === this.viewedTable?.table;
    this.viewedTable = namespace;
    if (!same) for (const listener of this.viewedListeners) listener();
  }

  onViewedChange(listener: () => void): () => void {
    this.viewedListeners.add(listener);
    return () => this.viewedListeners.delete(listener);
  }

  /** Which store is open now, for the calls made for it (contract/store-identity.ts). */
  get identity(): StoreIdentity {
    return { storeId: this.id, display: this.opened?.backend.display ?? null };
  }

  /** How the store of an earlier id was shown; undefined when the id was never ours (or is long gone). */
  displayOf(storeId: string): string | null | undefined {
    return storeId === this.id ? this.identity.display : this.earlier.get(storeId);
  }

  /** Listeners hear of every other store opened (or the store closed); reopening the same one is no switch. */
  onSwitched(listener: (identity: StoreIdentity) => void): () => void {
    this.switchedListeners.add(listener);
    return () => this.switchedListeners.delete(listener);
  }

  get backend(): Backend | undefined {
    return this.opened?.backend;
  }

  /** The open store's backend, for a call that needs one: `no-store` when none is open. */
  requireBackend(): Backend {
    const backend = this.backend;
    if (backend === undefined) throw new NoStoreError();
    return backend;
  }

  /** The open file's own store (a SQLite file or go-micro's files); undefined for a server or none. */
  get store(): LocalStore | ReadingLocalStore | undefined {
    return this.opened?.local?.backend;
  }

  /** The open store's file or folder; undefined for a server (or none open). */
  get path(): string | undefined {
    return this.target?.kind === 'path' ? this.target.path : undefined;
  }

  /** What is open, as it was named (with its password: never show it; `backend.display` masks it). */
  get connection(): ConnectionTarget | undefined {
    return this.target;
  }

  /** Which backend the open store has; undefined when none is open. */
  get kind(): BackendKind | undefined {
    return this.opened?.backend.kind;
  }

  /** True when the open store cannot be written: asked for, forced, or the backend has no editing part. */
  get readOnly(): boolean {
    const backend = this.backend;
    return backend === undefined ? this.forceReadOnly : !canEdit(backend);
  }

  /** Opens a file or folder on this machine. */
  async open(path: string, readOnly: boolean): Promise<Backend> {
    return this.connect({ kind: 'path', path, display: path }, readOnly);
  }

  /** Opens what a connection string named: a path, or a server (its connection is checked here). */
  async connect(target: ConnectionTarget, readOnly: boolean): Promise<Backend> {
    // Node would replace the surrogate and open (or create) a file of another name.
    if (target.kind === 'path' && hasLoneSurrogate(target.path)) throw new StoreInputError(LONE_SURROGATE_MESSAGE);
    const opened = await this.openTarget(target, { readOnly: readOnly || this.forceReadOnly, threads: this.threads });
    try {
      // A server that is not there, or refuses the login, says so now rather than on the first page.
      if (target.kind !== 'path') await storeInfoOf(opened.backend);
    } catch (error) {
      await opened.backend.close().catch(() => {});
      throw error;
    }
    // store.reopen (read-only on or off) names the open connection itself: the same store, the same id.
    const same = target === this.target;
    this.remember();
    await this.closeOpened();
    this.viewed = undefined;
    this.pushed.clear();
    this.opened = opened;
    this.target = target;
    if (!same) this.switched();
    return opened.backend;
  }

  async create(path: string): Promise<Backend> {
    if (this.forceReadOnly) {
      throw new StoreStateError('this session is read-only: no store can be created', 'read-only');
    }
    if (existsSync(path)) throw new StoreStateError(`${path} already exists; open it instead`, 'foreign-file');
    return this.open(path, false);
  }

  /** The open store's figures with its kind, capabilities and refusals, or null when none is open. */
  async info(): Promise<OpenedStoreInfo | null> {
    const backend = this.backend;
    if (backend === undefined) return null;
    const info = await storeInfoOf(backend);
    const readOnly = info.readOnly || !canEdit(backend);
    return {
      ...info,
      readOnly,
      kind: backend.kind,
      display: backend.display,
      capabilities: backend.capabilities,
      refusals: refusalsOf(backend, info.readOnlyReason),
      ...(this.forceReadOnly ? { sessionReadOnly: true } : {}),
    };
  }

  async close(): Promise<void> {
    const wasOpen = this.opened !== undefined;
    this.remember();
    await this.closeOpened();
    if (wasOpen) this.switched();
  }

  private async closeOpened(): Promise<void> {
    const previous = this.opened;
    this.opened = undefined;
    this.target = undefined;
    await previous?.backend.close();
  }

  private remember(): void {
    this.earlier.set(this.id, this.identity.display);
    if (this.earlier.size > EARLIER_KEPT) this.earlier.delete(this.earlier.keys().next().value as string);
  }

  private switched(): void {
    this.id = newStoreId();
    const identity = this.identity;
    for (const listener of this.switchedListeners) listener(identity);
  }
}

const EARLIER_KEPT = 16;

function newStoreId(): string {
  return randomBytes(12).toString('base64url');
}

/** A backend's own figures, or what its databases add up to (a server has no file size or schema). */
async function storeInfoOf(backend: Backend): Promise<StoreInfo> {
  if (backend.info) return backend.info();
  const databases = await backend.reading.databases();
  const tables = databases.flatMap((database) => database.tables);
  return {
    path: backend.display,
    fileSize: 0,
    schemaVersion: 0,
    readOnly: !canEdit(backend),
    databases: databases.length,
    tables: tables.length,
    records: tables.reduce((sum, table) => sum + table.count, 0),
  };
}

/** Why the open store refuses each thing it cannot do; a feature it can do has no entry. */
export function refusalsOf(backend: Backend, readOnlyReason?: string): Refusals {
  const { capabilities, kind } = backend;
  return {
    ...(canEdit(backend) ? {} : { editing: editingRefusal(kind, readOnlyReason) }),
    ...(capabilities.metadata ? {} : { metadata: refusalReason(kind, 'metadata') ?? 'this store keeps no metadata' }),
    ...(capabilities.perRecordExpiry
      ? {}
      : { perRecordExpiry: refusalReason(kind, 'perRecordExpiry') ?? 'this store has no per-record expiry' }),
  };
}

/**
 * The error to throw where the open store cannot do `feature`, in refusalsOf's wording. A store that can edit
 * but not this one thing (a backend without a paging index, say) is not called read-only.
 */
export function refusedError(backend: Backend, feature: RefusedFeature): RefusedError {
  return new RefusedError(feature, refusalsOf(backend)[feature] ?? 'the open store cannot do this');
}

function editingRefusal(kind: BackendKind, readOnlyReason: string | undefined): string {
  const own = refusalReason(kind, 'editing');
  if (own !== undefined) return own;
  return readOnlyReason === undefined ? 'the store is open read-only' : `the store is read-only (${readOnlyReason})`;
}
