/**
 * Tables inside a bucket. go-micro's table is only a key prefix (`<table>_`), so which tables exist is read
 * from the keys, and where a table's name ends from the envelope's `key` field: for the NATS key `a_b_c`
 * whose envelope says `c`, the table is `a_b`. Each key belongs to the longest known table whose prefix it
 * has, else to the empty (default) table, so a record shows in exactly one table (docs/backend-nats.md).
 */
import { prefixUpperBound } from '../../store/key-order.js';
import { fullKey } from './nats-keys.js';
import { lowerBound, upperBound } from './nats-sorted-keys.js';

/** Indexes [from, to) of a sorted key list. */
export interface Span {
  from: number;
  to: number;
}

/** At most this many envelopes are read to find tables in one pass; the rest stay in the default table. */
const MAX_PROBES = 10_000;

function prefixSpan(keys: readonly string[], prefix: string, from = 0): Span {
  if (prefix === '') return { from, to: keys.length };
  const start = lowerBound(keys, prefix, from);
  const upper = prefixUpperBound(prefix);
  return { from: start, to: upper === undefined ? keys.length : lowerBound(keys, upper, start) };
}

/** The spans of the sorted full keys that are `table`'s keys starting with `keyPrefix`. */
export function tableSpans(keys: readonly string[], table: string, tables: Iterable<string>, keyPrefix = ''): Span[] {
  const outer = prefixSpan(keys, fullKey(table, keyPrefix));
  const holes = [...tables]
    .filter((other) => other !== table && (table === '' || other.startsWith(`${table}_`)))
    .map((other) => prefixSpan(keys, `${other}_`))
    .filter((hole) => hole.from < hole.to)
    .sort((a, b) => a.from - b.from);
  const spans: Span[] = [];
  let at = outer.from;
  for (const hole of holes) {
    if (hole.from > at) spans.push({ from: at, to: Math.min(hole.from, outer.to) });
    at = Math.max(at, hole.to);
    if (at >= outer.to) break;
  }
  if (at < outer.to) spans.push({ from: at, to: outer.to });
  return spans.filter((span) => span.from < span.to);
}

export function spanCount(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => sum + span.to - span.from, 0);
}

/** Full keys in the spans after (asc) or before (desc) `cursor`, in that order. */
export function* keysInSpans(
  keys: readonly string[],
  spans: readonly Span[],
  order: 'asc' | 'desc',
  cursor?: string,
): Generator<string> {
  if (order === 'asc') {
    for (const span of spans) {
      const start = cursor === undefined ? span.from : upperBound(keys, cursor, span.from, span.to);
      for (let i = start; i < span.to; i++) yield keys[i] as string;
    }
    return;
  }
  for (let s = spans.length - 1; s >= 0; s--) {
    const span = spans[s] as Span;
    const end = cursor === undefined ? span.to : lowerBound(keys, cursor, span.from, span.to);
    for (let i = end - 1; i >= span.from; i--) yield keys[i] as string;
  }
}

/** The table a full key is in, given the known tables: the longest whose prefix it has, else ''. */
export function tableOf(full: string, tables: Iterable<string>): string {
  let found = '';
  for (const table of tables) {
    if (table.length > found.length && full.startsWith(`${table}_`)) found = table;
  }
  return found;
}

/** The table an envelope's key says a full key is in ('' when the key is the whole full key or does not fit). */
export function tableFromEnvelope(full: string, envelopeKey: string): string {
  if (full === envelopeKey || !full.endsWith(`_${envelopeKey}`)) return '';
  return full.slice(0, full.length - envelopeKey.length - 1);
}

export interface TableGuesses {
  tables: Set<string>;
  /** First-underscore prefixes whose keys were found to be default-table keys (`user_1` written as is). */
  plainGroups: Set<string>;
}

/**
 * Learns the tables of sorted full keys by reading one envelope per prefix not yet known: keys of one table
 * sort together, so a table costs one read however many keys it has.
 */
export async function discoverTables(
  keys: readonly string[],
  known: TableGuesses,
  /** undefined when the key is gone by now. */
  envelopeTable: (full: string) => Promise<string | undefined>,
): Promise<void> {
  let probes = 0;
  let i = 0;
  while (i < keys.length) {
    const full = keys[i] as string;
    const underscore = full.indexOf('_');
    if (underscore < 0) {
      i++;
      continue;
    }
    const table = shortestCovering(full, known.tables);
    const group = full.slice(0, underscore);
    if (table !== undefined) i = prefixSpan(keys, `${table}_`, i).to;
    else if (known.plainGroups.has(group) || probes >= MAX_PROBES) i = prefixSpan(keys, `${group}_`, i).to;
    else {
      probes++;
      const found = await envelopeTable(full);
      if (found === undefined) i++;
      else if (found === '') known.plainGroups.add(group);
      else known.tables.add(found);
    }
  }
}

function shortestCovering(full: string, tables: Iterable<string>): string | undefined {
  let found: string | undefined;
  for (const table of tables) {
    if (full.startsWith(`${table}_`) && (found === undefined || table.length < found.length)) found = table;
  }
  return found;
}
