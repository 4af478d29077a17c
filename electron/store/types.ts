/**
 * The Store's public shapes, after go-micro's `store` package (docs/store-semantics.md §1).
 * These names and fields are fixed by the spec (docs/store-semantics.md §1): other tools and tests use them.
 */

export interface StoreRecord {
  key: string;
  /** Raw bytes. */
  value: Uint8Array;
  /** JSON-serialisable; `{}` when none. */
  metadata: Record<string, unknown>;
  /** Milliseconds of life left; 0 = never expires. */
  expiry: number;
}

/** What `write()` accepts: a string value is stored as its UTF-8 bytes. */
export interface RecordInput {
  key: string;
  value: Uint8Array | string;
  metadata?: Record<string, unknown>;
  expiry?: number;
}

export interface StoreOptions {
  database?: string;
  table?: string;
  nodes?: string[];
}

export interface ReadOptions {
  database?: string;
  table?: string;
  prefix?: boolean;
  suffix?: boolean;
  limit?: number;
  offset?: number;
}

export interface WriteOptions {
  database?: string;
  table?: string;
  /** The record expires at this instant. */
  expiry?: Date;
  /** Time to live in ms; wins over `expiry` when both are given. */
  ttl?: number;
}

export interface DeleteOptions {
  database?: string;
  table?: string;
}

export interface ListOptions {
  database?: string;
  table?: string;
  prefix?: string;
  suffix?: string;
  limit?: number;
  offset?: number;
}

/** go-micro's Store interface, asynchronous so that remote backends can implement it later. */
export interface Store {
  init(options?: StoreOptions): Promise<void>;
  /** Resolved: database and table are always filled in. */
  options(): StoreOptions;
  read(key: string, options?: ReadOptions): Promise<StoreRecord[]>;
  write(record: RecordInput, options?: WriteOptions): Promise<void>;
  delete(key: string, options?: DeleteOptions): Promise<void>;
  list(options?: ListOptions): Promise<string[]>;
  close(): Promise<void>;
  toString(): string;
}

/** go-micro's ErrNotFound. */
export class NotFoundError extends Error {
  /** `message` says what is missing where a bare "not found" would not (a database, a bucket). */
  constructor(message = 'not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A bad argument: an empty key, a negative limit, metadata JSON cannot carry. */
export class StoreInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreInputError';
  }
}

/** The store cannot be used: closed, read-only, or its file is not a Store Inspector store. */
export class StoreStateError extends Error {
  constructor(
    message: string,
    readonly code: 'closed' | 'read-only' | 'foreign-file' | 'corrupt-file' | 'missing-file' | 'newer-format',
  ) {
    super(message);
    this.name = 'StoreStateError';
  }
}

export const DEFAULT_DATABASE = 'micro';
export const DEFAULT_TABLE = 'micro';

/** A record of a batch the Store refused: its 0-based place in the batch as given, and what is wrong with it. */
export class RecordInputError extends StoreInputError {
  constructor(
    readonly recordIndex: number,
    readonly problem: string,
    message = `record ${recordIndex}: ${problem}`,
  ) {
    super(message);
  }
}
