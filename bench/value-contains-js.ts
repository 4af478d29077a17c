import type { ContainsCase } from '../electron/common/key-contains.js';
import { valueContainsTest } from '../electron/common/value-contains.js';
import { recordValue } from './dataset.js';
import { median } from './measure.js';

/**
 * "Value contains" as Redis and NATS KV search it (common/value-contains.ts), on `records` values in memory:
 * the search as shipped beside the one before it (`before`: a copy of each value for every case-folding test,
 * kept here as the baseline) and `Buffer#includes` (the native search, measured and not taken), alternating
 * run by run, on Buffers (ioredis) and on plain Uint8Arrays (NATS).
 */

const TERMS: { label: string; needle: string; caseMode?: ContainsCase }[] = [
  { label: 'rare ("record 123457")', needle: 'record 123457' },
  { label: 'common ("record 7")', needle: 'record 7' },
  { label: 'every value ("tags")', needle: 'tags' },
  { label: 'absent ("no such text")', needle: 'no such text' },
  { label: 'worst ("\\"b\\"],\\"name")', needle: '"b"],"name' },
  { label: 'short, every value ("x")', needle: 'x' },
  { label: 'short, absent ("Q")', needle: 'Q' },
  { label: 'non-ASCII, absent ("é")', needle: 'é' },
  { label: 'ignoring case ("RECORD 99999")', needle: 'RECORD 99999', caseMode: 'insensitive' },
  { label: 'ignoring case, absent ("NO SUCH")', needle: 'NO SUCH', caseMode: 'insensitive' },
];

const RUNS = 7;

type Test = (value: Uint8Array) => boolean;
type Make = (needle: string, caseMode: ContainsCase | undefined) => Test | undefined;

const WAYS: { name: string; make: Make }[] = [
  { name: 'before', make: before },
  { name: 'now', make: valueContainsTest },
  { name: 'Buffer#includes', make: bufferIncludes },
];

export function runValueContainsJs(records: number): void {
  const buffers = Array.from({ length: records }, (_, index) => recordValue(index));
  const arrays = buffers.map((buffer) => new Uint8Array(buffer));
  const n = records.toLocaleString('en-US');
  console.log(`value contains in JavaScript (${n} 100-byte JSON values; median of ${RUNS}, min-max)`);
  console.log(`| term | values | ${WAYS.map((way) => way.name).join(' | ')} | now/before | Buffer/now |`);
  console.log(`| --- | --- | ${WAYS.map(() => '---').join(' | ')} | --- | --- |`);
  for (const term of TERMS) {
    for (const [kind, values] of [
      ['Buffer', buffers],
      ['Uint8Array', arrays],
    ] as const) {
      const times = WAYS.map(() => [] as number[]);
      const found = WAYS.map(() => -1);
      for (let run = 0; run < RUNS; run++) {
        for (const [index, way] of WAYS.entries()) {
          const test = way.make(term.needle, term.caseMode);
          if (test === undefined) throw new Error('a needle makes a test');
          const started = process.hrtime.bigint();
          let hits = 0;
          for (const value of values) if (test(value)) hits++;
          times[index]?.push(Number(process.hrtime.bigint() - started) / 1e6);
          found[index] = hits;
        }
      }
      if (new Set(found).size !== 1) throw new Error(`${term.label}: the ways disagree (${found.join(' / ')} hits)`);
      const medians = times.map(median);
      const cells = times.map((each, index) => `${medians[index]?.toFixed(0)} ms (${spread(each)})`);
      const ratios = [(medians[1] ?? 0) / (medians[0] ?? 1), (medians[2] ?? 0) / (medians[1] ?? 1)];
      const shown = ratios.map((ratio) => ratio.toFixed(2)).join(' | ');
      console.log(`| ${term.label}, ${found[0]} hits | ${kind} | ${cells.join(' | ')} | ${shown} |`);
    }
  }
}

function spread(times: number[]): string {
  return `${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)}`;
}

/** The search before: the same byte search, the value copied for every case-folding test. */
function before(needle: string | undefined, caseMode: ContainsCase | undefined): Test | undefined {
  if (!needle) return undefined;
  const insensitive = caseMode === 'insensitive';
  const wanted = new TextEncoder().encode(insensitive ? folded(needle) : needle);
  return (value) => indexOf(insensitive ? lowered(value) : value, wanted) >= 0;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  for (
    let start = haystack.indexOf(first ?? 0);
    start >= 0 && start <= last;
    start = haystack.indexOf(first ?? 0, start + 1)
  ) {
    let at = 1;
    while (at < needle.length && haystack[start + at] === needle[at]) at++;
    if (at === needle.length) return start;
  }
  return -1;
}

function lowered(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  for (let index = 0; index < copy.length; index++) {
    const byte = copy[index] ?? 0;
    if (byte >= 0x41 && byte <= 0x5a) copy[index] = byte + 0x20;
  }
  return copy;
}

/**
 * Node's native search: a Buffer view of each value (a NATS value is a plain Uint8Array); folded into a Buffer
 * from Node's pool.
 */
function bufferIncludes(needle: string | undefined, caseMode: ContainsCase | undefined): Test | undefined {
  if (!needle) return undefined;
  if (caseMode !== 'insensitive') {
    const wanted = Buffer.from(needle);
    return (value) =>
      (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)).includes(wanted);
  }
  const wanted = Buffer.from(folded(needle));
  return (value) => {
    const copy = Buffer.allocUnsafe(value.length);
    for (let index = 0; index < value.length; index++) {
      const byte = value[index] as number;
      copy[index] = byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
    }
    return copy.includes(wanted);
  };
}

function folded(needle: string): string {
  return needle.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
