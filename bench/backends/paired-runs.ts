/**
 * Our backend's call beside the same request sent by the plain client, for the SQL backends' benches. On 2
 * shared cores at load 10-25, one run of a 1 ms page moves 2-5x from the next, so a line takes many runs:
 * ours and raw alternate, with the one that goes first swapped every run (a slow moment, a GC, a core taken
 * by another process falls on both alike), and each side's median and p90 are reported beside the ratio of
 * the medians. The client process's CPU time per call is reported too: it is what our layer adds in this
 * process (building the statement, the pool, mapping rows), and the load of other processes barely moves it.
 */
import { loadavg } from 'node:os';
import { median, millis, percentile, timeAsync } from '../measure.js';

export interface Spread {
  median: number;
  p90: number;
  fastest: number;
}

export interface PairedLine {
  work: string;
  runs: number;
  ours: Spread;
  raw: Spread;
  /** CPU time (user + system) of this process per call, ms. */
  cpu?: { ours: number; raw: number };
  /** The 1-minute load average when the line was done. */
  load: number;
  /** "< 50 ms": the page target the line is held to. */
  target?: string;
  note?: string;
}

export interface PairedRuns {
  /** Runs of each side for a line under `slowFromMs` (after one warming call each), at least. */
  runs: number;
  /** More runs, up to this many, while a side's runs fit in `budgetMs`: a 1 ms page takes hundreds. */
  maxRuns: number;
  budgetMs: number;
  /** Runs for a line whose warming call took `slowFromMs` or more: scans of a second move less. */
  slowRuns: number;
  slowFromMs: number;
}

/** The ratio the lines are held to: our median within 1.5x of raw's (issue 14). */
export const OVERHEAD_LIMIT = 1.5;

export async function pairedRuns(
  work: string,
  ours: () => Promise<unknown>,
  raw: () => Promise<unknown>,
  counts: PairedRuns,
  extra: Pick<PairedLine, 'target' | 'note'> = {},
): Promise<PairedLine> {
  const warm = Math.max((await timeAsync(ours)).ms, (await timeAsync(raw)).ms);
  const runs =
    warm >= counts.slowFromMs
      ? counts.slowRuns
      : Math.max(counts.runs, Math.min(counts.maxRuns, Math.floor(counts.budgetMs / Math.max(warm, 0.01))));
  const sides = { ours: timed(ours), raw: timed(raw) };
  for (let run = 0; run < runs; run++) {
    const [first, second] = run % 2 === 0 ? [sides.ours, sides.raw] : [sides.raw, sides.ours];
    await first.once();
    await second.once();
  }
  return {
    work,
    runs,
    ours: spread(sides.ours.ms),
    raw: spread(sides.raw.ms),
    cpu: { ours: sides.ours.cpuMs() / runs, raw: sides.raw.cpuMs() / runs },
    load: loadavg()[0] ?? 0,
    ...extra,
  };
}

function timed(call: () => Promise<unknown>) {
  const ms: number[] = [];
  let cpuMicros = 0;
  return {
    ms,
    cpuMs: () => cpuMicros / 1000,
    once: async () => {
      const cpu = process.cpuUsage();
      ms.push((await timeAsync(call)).ms);
      const used = process.cpuUsage(cpu);
      cpuMicros += used.user + used.system;
    },
  };
}

export function spread(values: number[]): Spread {
  return { median: median(values), p90: percentile(values, 90), fastest: Math.min(...values) };
}

/** ok when the median is under the line's target and within OVERHEAD_LIMIT of raw's. */
export function verdict(line: PairedLine): string {
  const limit = Number(line.target?.match(/\d+/)?.[0] ?? Number.POSITIVE_INFINITY);
  return line.ours.median < limit && line.ours.median <= line.raw.median * OVERHEAD_LIMIT ? 'ok' : 'OVER';
}

/** A markdown table: docs/benchmarks.md takes it as printed. */
export function printPaired(title: string, names: { ours: string; raw: string }, lines: PairedLine[]): void {
  const header = [
    'work',
    'runs',
    `${names.ours} median (p90)`,
    `${names.raw} median (p90)`,
    'ratio',
    'p90 ratio',
    'client CPU/call ours / raw',
    'load',
    'target',
    '',
  ];
  const rows = [
    header,
    ...lines.map((line) => [
      line.work,
      String(line.runs),
      `${millis(line.ours.median)} (${millis(line.ours.p90)})`,
      `${millis(line.raw.median)} (${millis(line.raw.p90)})`,
      (line.ours.median / line.raw.median).toFixed(2),
      (line.ours.p90 / line.raw.p90).toFixed(2),
      line.cpu === undefined ? '' : `${millis(line.cpu.ours)} / ${millis(line.cpu.raw)}`,
      line.load.toFixed(1),
      line.target ?? '',
      [verdict(line), line.note].filter(Boolean).join('; '),
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const print = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(`\n${title} (${new Date().toISOString().slice(0, 16)} UTC)\n`);
  console.log(print(header));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of rows.slice(1)) console.log(print(row));
}
