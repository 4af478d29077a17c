/**
 * The store dump: every database and table of a store in one stream of JSON lines (see README.md).
 *
 *   {"format":"store-inspector-dump","version":1,"exportedAt":"…","namespaces":[{"database":"micro","table":"micro"}]}
 *   {"database":"micro","table":"micro","key":"a","value":"…","metadata":{},"expiry":5000000000}
 *   {"end":{"records":1}}
 *
 * The header lists the namespaces so that empty tables survive; the end line carries the record count so that
 * a file cut at a line boundary is caught instead of importing part of the store.
 */

import { errorAt, type RecordsJsonError, type SourcePlace } from './errors.js';
import { goString } from './go-json-encoder.js';

export const DUMP_FORMAT = 'store-inspector-dump';
export const DUMP_VERSION = 1;

export interface DumpNamespace {
  database: string;
  table: string;
}

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: number;
  /** RFC 3339. */
  exportedAt: string;
  namespaces: DumpNamespace[];
}

export function isDumpHeader(obj: Record<string, unknown>): boolean {
  return obj.format === DUMP_FORMAT;
}

/** The end line is the one object with an `end` field and no `key`. */
export function isDumpEnd(obj: Record<string, unknown>): boolean {
  return Object.hasOwn(obj, 'end') && !Object.hasOwn(obj, 'key');
}

export function parseDumpHeader(obj: Record<string, unknown>, start: SourcePlace): DumpHeader {
  const bad = (detail: string) => errorAt('dump', start, `store dump header: ${detail}`);
  const { version, exportedAt, namespaces } = obj;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw bad('version must be 1');
  if (version > DUMP_VERSION) {
    throw bad(
      `version ${version} is newer than this reader (it reads version ${DUMP_VERSION}); update Store Inspector`,
    );
  }
  if (exportedAt !== undefined && typeof exportedAt !== 'string') throw bad('exportedAt must be an RFC 3339 string');
  if (!Array.isArray(namespaces)) throw bad('namespaces must be an array of {"database","table"}');
  return {
    format: DUMP_FORMAT,
    version,
    exportedAt: exportedAt ?? '',
    namespaces: namespaces.map((ns, i) => parseNamespace(ns, i, bad)),
  };
}

function parseNamespace(value: unknown, i: number, bad: (detail: string) => RecordsJsonError): DumpNamespace {
  const ns = value as Partial<Record<string, unknown>> | null;
  const ok = ns !== null && typeof ns === 'object' && isName(ns.database) && isName(ns.table);
  if (!ok) throw bad(`namespaces[${i}] must be {"database": non-empty string, "table": non-empty string}`);
  return { database: ns.database as string, table: ns.table as string };
}

function isName(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

export function checkDumpEnd(obj: Record<string, unknown>, records: number, start: SourcePlace): void {
  const end = obj.end as Partial<Record<string, unknown>> | null;
  const count = end !== null && typeof end === 'object' ? end.records : undefined;
  if (typeof count !== 'number') throw errorAt('dump', start, 'store dump end line: expected {"end":{"records":N}}');
  if (count !== records) {
    const detail = `the end line says ${count} records but the dump holds ${records}: the file is damaged`;
    throw errorAt('dump', start, `store dump end line: ${detail}`);
  }
}

/** The header line, without its newline, as Go would marshal the header struct. */
export function dumpHeaderLine(namespaces: readonly DumpNamespace[], exportedAt: Date): string {
  const list = namespaces.map((ns) => `{"database":${goString(ns.database)},"table":${goString(ns.table)}}`);
  const at = goString(goTimeText(exportedAt));
  return `{"format":"${DUMP_FORMAT}","version":${DUMP_VERSION},"exportedAt":${at},"namespaces":[${list.join(',')}]}`;
}

/** RFC 3339 as Go's time.Time marshals it (RFC3339Nano in UTC): no trailing zeros in the fraction. */
export function goTimeText(time: Date): string {
  return time.toISOString().replace(/\.?0*Z$/, 'Z');
}

export function dumpEndLine(records: number): string {
  return `{"end":{"records":${records}}}`;
}
