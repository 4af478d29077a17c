import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { LONE_SURROGATE_MESSAGE } from '../common/path-text.js';
import { hasLoneSurrogate } from '../common/unicode-text.js';
import { StoreInputError } from '../store/index.js';
import type { FileHandle } from './contract/file-schemas.js';

/** What a grant lets a call do with its file: read records, write a file, or open it as a store. */
export type FileAccess = 'read' | 'write' | 'store';

export interface FileGrant {
  path: string;
  access: FileAccess;
  name: string;
  /** Browser mode: a file in the server's private folder, handed to the browser as a download once written. */
  download: boolean;
  /** Called when the grant is released or dropped: removes a file that only existed for it (an upload). */
  dispose?: () => void;
}

export interface GrantOptions {
  name?: string;
  download?: boolean;
  dispose?: () => void;
}

/** Enough for any session; the oldest grants are dropped beyond it, so a page cannot grow the map without end. */
const MAX_GRANTS = 512;

const ACCESS_WORDS: Record<FileAccess, string> = {
  read: 'read records from',
  write: 'write',
  store: 'open as a store',
};

/**
 * The files a page may use, one registry per session host (a window, a serve process). Only main and the
 * server grant (a native dialog, a dropped or uploaded file, a download slot, the store a copy made); the page
 * gets an opaque, unguessable id and the name to show, and every call that touches a file names that id. A path
 * the page makes up has no way in.
 */
export class FileGrants {
  private readonly grants = new Map<string, FileGrant>();

  grant(path: string, access: FileAccess, options: GrantOptions = {}): FileHandle {
    if (hasLoneSurrogate(path)) throw new StoreInputError(LONE_SURROGATE_MESSAGE);
    const id = randomBytes(18).toString('base64url');
    const entry: FileGrant = {
      path: resolve(path),
      access,
      name: options.name ?? basename(path),
      download: options.download ?? false,
      ...(options.dispose ? { dispose: options.dispose } : {}),
    };
    this.grants.set(id, entry);
    this.dropOldest();
    return { id, name: entry.name, download: entry.download };
  }

  /** The grant behind `id`, checked for the access the call needs; a clear `invalid-argument` otherwise. */
  resolve(id: string, access: FileAccess): FileGrant {
    const grant = this.grants.get(id);
    if (grant === undefined) {
      throw new StoreInputError(
        'unknown file handle: files are named by the handle a file dialog, a drop or an upload gave, ' +
          'and handles end with the session; choose the file again',
      );
    }
    if (grant.access !== access) {
      throw new StoreInputError(
        `${grant.name} was chosen to ${ACCESS_WORDS[grant.access]}, not to ${ACCESS_WORDS[access]}: choose it again for this`,
      );
    }
    return grant;
  }

  /** Forgets a grant and removes the file that only existed for it. */
  release(id: string): void {
    const grant = this.grants.get(id);
    this.grants.delete(id);
    grant?.dispose?.();
  }

  /** Releases the grant when its file exists only for it (an upload); a file the user chose stays granted. */
  releaseTemporary(id: string): void {
    if (this.grants.get(id)?.dispose !== undefined) this.release(id);
  }

  /** Forgets every grant (the host is shutting down). */
  releaseAll(): void {
    for (const id of [...this.grants.keys()]) this.release(id);
  }

  private dropOldest(): void {
    for (const id of this.grants.keys()) {
      if (this.grants.size <= MAX_GRANTS) return;
      this.release(id);
    }
  }
}
