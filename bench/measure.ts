/** Timing helpers: benchmarks print figures; they never pass or fail. */

export function timeIt<T>(work: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint();
  const result = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

export async function timeAsync<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export interface Row {
  work: string;
  ours: string;
  raw: string;
  ratio: string;
  target: string;
}

export function printTable(title: string, rows: Row[]): void {
  const header: Row = { work: 'work', ours: 'Store', raw: 'raw better-sqlite3', ratio: 'ratio', target: 'target' };
  const all = [header, ...rows];
  const widths = (Object.keys(header) as (keyof Row)[]).map((column) =>
    Math.max(...all.map((row) => row[column].length)),
  );
  const line = (row: Row) =>
    `| ${(Object.keys(header) as (keyof Row)[]).map((column, index) => row[column].padEnd(widths[index] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
}

export const rate = (count: number, ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;
export const millis = (ms: number) => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
