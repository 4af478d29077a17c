import { existsSync } from 'node:fs';
import { createSqliteStore, type InspectorStore, StoreStateError } from '../store/index.js';

/**
 * The one store a window (or a serve process) has open. Opening another closes the previous one
 * only after the new one opened, so a failed open never leaves the user with nothing.
 */
export class StoreSession {
  private current: InspectorStore | undefined;
  private currentPath: string | undefined;
  private readOnlySession: boolean;

  /** `readOnly` forces every store this session opens to be read-only (`--read-only`). */
  constructor(private readonly forceReadOnly = false) {
    this.readOnlySession = forceReadOnly;
  }

  get store(): InspectorStore | undefined {
    return this.current;
  }

  get path(): string | undefined {
    return this.currentPath;
  }

  get readOnly(): boolean {
    return this.readOnlySession;
  }

  async open(path: string, readOnly: boolean): Promise<InspectorStore> {
    const store = createSqliteStore({ path, readOnly: readOnly || this.forceReadOnly });
    await store.init();
    await this.close();
    this.current = store;
    this.currentPath = path;
    this.readOnlySession = readOnly || this.forceReadOnly;
    return store;
  }

  async create(path: string): Promise<InspectorStore> {
    if (this.forceReadOnly) {
      throw new StoreStateError('this session is read-only: no store can be created', 'read-only');
    }
    if (existsSync(path)) throw new StoreStateError(`${path} already exists; open it instead`, 'foreign-file');
    return this.open(path, false);
  }

  async close(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    this.currentPath = undefined;
    await previous?.close();
  }
}
