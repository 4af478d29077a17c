import { hasLoneSurrogate } from '../common/unicode-text.js';
import { StoreInputError } from '../store/types.js';
import type { TableQuery } from './gomicro-table.js';

export interface Namespace {
  database: string;
  table: string;
}

/** A filtered, paged range of one table; `after` is a keyset cursor (the last key of the previous page). */
export interface ScanOptions {
  database?: string;
  table?: string;
  prefix?: string;
  suffix?: string;
  after?: string;
  limit?: number;
  offset?: number;
}

/** A lone surrogate has no UTF-8 form, so it cannot match a stored key byte for byte (docs/store-semantics.md §8). */
export function checkKey(text: string): void {
  if (typeof text !== 'string') throw new StoreInputError(`a key must be a string, got ${typeof text}`);
  if (hasLoneSurrogate(text)) throw new StoreInputError('the key is not valid Unicode (it has a lone surrogate)');
}

function checkCount(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new StoreInputError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

export function checkPaging(options: { limit?: number; offset?: number }): void {
  checkCount('limit', options.limit);
  checkCount('offset', options.offset);
}

export function toQuery(options: ScanOptions, includeExpired: boolean, now: number): TableQuery {
  return {
    prefix: Buffer.from(options.prefix ?? '', 'utf8'),
    suffix: Buffer.from(options.suffix ?? '', 'utf8'),
    after: options.after === undefined ? null : Buffer.from(options.after, 'utf8'),
    offset: options.offset ?? 0,
    limit: options.limit ?? 0,
    includeExpired,
    now,
  };
}
