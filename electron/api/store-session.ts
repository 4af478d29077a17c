import { existsSync } from 'node:fs';
import { LONE_SURROGATE_MESSAGE } from '../common/path-text.js';
import { hasLoneSurrogate } from '../common/unicode-text.js';
import { StoreInputError, StoreStateError } from '../store/index.js';
import type { BackendInfo, InspectorBackend, StoreKind } from './inspector-backend.js';
import { openBackend } from './open-backend.js';

export type OpenedStoreInfo = BackendInfo & { kind: StoreKind };

/**
 * The one store a window (or a serve process) has open: a SQLite store, or a go-micro file store (always
 * read-only). Opening another closes the previous one only after the new one opened, so a failed open never
 * leaves the user with nothing.
 */
export class StoreSession {
  private current: InspectorBackend | undefined;
  private currentPath: string | undefined;
  private currentKind: StoreKind | undefined;
  private readOnlySession: boolean;

  /** `readOnly` forces every store this session opens to be read-only (`--read-only`). */
  constructor(private readonly forceReadOnly = false) {
    this.readOnlySession = forceReadOnly;
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
    const { backend, kind } = await openBackend(path, { readOnly: readOnly || this.forceReadOnly });
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
