import type { ContainsCase } from '../electron/common/key-contains.js';
import { valueContainsTest } from '../electron/common/value-contains.js';
import { recordValue } from './dataset.js';
import { median } from './measure.js';

/**
 * "Value contains" as Redis and NATS KV search it (common/value-contains.ts), on `records` values in memory:
 * the search as shipped beside the hand-written byte search it replaced (`handWritten`, kept here as the
 * baseline), the two alternating run by run, on Buffers (ioredis) and on plain Uint8Arrays (NATS).
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
  { name: 'hand-written (before)', make: handWritten },
  { name: 'now', make: valueContainsTest },
];

export function runValueContainsJs(records: number): void {
  const buffers = Array.from({ length: records }, (_, index) => recordValue(index));
  const arrays = buffers.map((buffer) => new Uint8Array(buffer));
  const n = records.toLocaleString('en-US');
  console.log(`value contains in JavaScript (${n} 100-byte JSON values; median of ${RUNS}, min-max)`);
  console.log(`| term | values | ${WAYS.map((way) => way.name).join(' | ')} | ratio now/before |`);
  console.log(`| --- | --- | ${WAYS.map(() => '---').join(' | ')} | --- |`);
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
      const ratio = (medians[1] ?? 0) / (medians[0] ?? 1);
      console.log(`| ${term.label}, ${found[0]} hits | ${kind} | ${cells.join(' | ')} | ${ratio.toFixed(2)} |`);
    }
  }
}

function spread(times: number[]): string {
  return `${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)}`;
}

/** The search before Buffer's: the needle's first byte by indexOf, then the rest compared byte by byte. */
function handWritten(needle: string | undefined, caseMode: ContainsCase | undefined): Test | undefined {
  if (!needle) return undefined;
  const insensitive = caseMode === 'insensitive';
  const wanted = new TextEncoder().encode(insensitive ? needle.replace(/[A-Z]/g, (c) => c.toLowerCase()) : needle);
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
