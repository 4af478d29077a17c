import { formatCount } from '../ui/format.js';

/** How far a long task (import, export, copy) has come, and how fast it goes, from its progress events. */

/** The rate is measured over the last two seconds: steady, yet quick to follow a change of pace. */
const RATE_WINDOW_MS = 2_000;

interface Sample {
  at: number;
  done: number;
}

export interface TaskProgress {
  done: number;
  /** null when the task cannot tell (an export counts records as it writes them). */
  total: number | null;
  samples: readonly Sample[];
}

export function startProgress(at: number): TaskProgress {
  return { done: 0, total: null, samples: [{ at, done: 0 }] };
}

export function addProgress(progress: TaskProgress, done: number, total: number | null, at: number): TaskProgress {
  const samples = [...progress.samples, { at, done }];
  while (samples.length > 2 && at - (samples[1]?.at ?? at) > RATE_WINDOW_MS) samples.shift();
  return { done, total, samples };
}

/** Units (of `done`) per second lately; undefined until there is enough to tell. */
export function ratePerSecond(progress: TaskProgress): number | undefined {
  const first = progress.samples[0];
  const last = progress.samples.at(-1);
  if (first === undefined || last === undefined || last.at - first.at < 100) return undefined;
  return ((last.done - first.done) / (last.at - first.at)) * 1000;
}

/** 0 to 100, against the task's own total or, when it has none, the expected one. */
export function percentDone(progress: TaskProgress | undefined, expected?: number): number | undefined {
  if (progress === undefined) return undefined;
  const total = progress.total ?? expected;
  if (total === undefined || total <= 0) return undefined;
  return Math.min(100, Math.round((progress.done / total) * 100));
}

/**
 * Records per second. An import reports bytes read; its preview counted the file's records, so
 * bytes convert to records at the file's own average size. Without that count there is no record rate.
 */
export function recordsPerSecond(progress: TaskProgress, recordsInFile?: number): number | undefined {
  const rate = ratePerSecond(progress);
  if (rate === undefined || recordsInFile === undefined) return undefined;
  if (progress.total === null || progress.total <= 0) return undefined;
  return (rate * recordsInFile) / progress.total;
}

/** "1,200 of 5,000 records · 40,000 records/s", for tasks that count records (an export, a copy). */
export function recordsProgressText(progress: TaskProgress | undefined, expected?: number): string {
  if (progress === undefined) return 'Starting…';
  const total = progress.total ?? expected;
  const rate = ratePerSecond(progress);
  const done = `${formatCount(progress.done)}${total === undefined ? '' : ` of ${formatCount(total)}`} records`;
  return rate === undefined ? done : `${done} · ${formatCount(Math.round(rate))} records/s`;
}
