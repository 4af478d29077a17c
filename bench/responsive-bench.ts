/**
 * Does one slow call freeze the others? Probes (store.info and records.page, alternately, one due every
 * 20 ms) run while (a) another process holds the write lock for 5 s and one API write waits for it, and
 * (b) a metadata count reads every record. A probe's latency counts from when it was due, so time the main
 * thread spent blocked counts against it. Both sessions run: the store on threads of its own (now), and
 * in the main thread (before), as the baseline. `npm run bench -- responsive [--records N]`.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallName } from '../electron/api/contract/calls.js';
import { createDispatch } from '../electron/api/dispatch.js';
import { createHandlers } from '../electron/api/handlers.js';
import { StoreSession } from '../electron/api/store-session.js';
import { createSqliteStore } from '../electron/store/index.js';
import type { BenchArgs } from './bench-args.js';
import { loadDataset } from './dataset.js';
import { median, millis, percentile } from './measure.js';

const NS = { database: 'micro', table: 'micro' };
const PROBE_EVERY_MS = 20;
const LOCK_MS = 5_500;
const PROBES: CallName[] = ['store.info', 'records.page'];
/** No record has v = -1: the count parses every record's metadata. */
const SLOW_COUNT = { ...NS, filter: { metadata: [{ field: 'v', value: '-1' }] } };

type Call = (name: CallName, arg: unknown) => Promise<unknown>;
type Threads = 'worker' | 'main';

interface Scenario {
  name: string;
  /** Sets the scene before the clock starts (another process takes the lock); returns how to undo it. */
  prepare(): Promise<() => void>;
  slow(call: Call): Promise<unknown>;
}

interface Outcome {
  scenario: string;
  threads: Threads;
  slowMs: number;
  latencies: Map<CallName, number[]>;
}

export async function runResponsiveBench(args: BenchArgs): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-responsive-'));
  const path = join(dir, 'responsive.db');
  try {
    console.log(`Loading ${args.records.toLocaleString('en-US')} records …`);
    const store = createSqliteStore({ path });
    await loadDataset(store, args.records);
    await store.close();
    const scenarios = [lockedWrite(path), slowCount()];
    const outcomes: Outcome[] = [];
    for (const threads of ['worker', 'main'] as const) {
      for (const scenario of scenarios) outcomes.push(await measure(path, threads, scenario));
    }
    print(outcomes, args.records);
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opens the store in a session of its own, starts the slow call, and sends a probe every 20 ms until it
 * settles. A probe that falls due while the main thread is blocked goes out as soon as it can: it counts
 * from when it was due, as a request that arrived then would have waited.
 */
async function measure(path: string, threads: Threads, scenario: Scenario): Promise<Outcome> {
  const session = new StoreSession(false, { threads });
  const dispatch = createDispatch(createHandlers(session));
  const call: Call = async (name, arg) => {
    const result = await dispatch(name, arg);
    if (!result.ok && result.error.code !== 'busy') throw new Error(`${name}: ${result.error.message}`);
    return result;
  };
  await call('store.open', { path, readOnly: false });
  const undo = await scenario.prepare();
  try {
    for (const name of PROBES) for (let i = 0; i < 5; i++) await call(name, probeArg(name));
    const started = performance.now();
    let ended: number | undefined;
    const slowCall = scenario.slow(call).finally(() => {
      ended = performance.now();
    });
    const latencies = new Map<CallName, number[]>(PROBES.map((name) => [name, []]));
    const probes: Promise<void>[] = [];
    for (let index = 0; ; index++) {
      const due = started + index * PROBE_EVERY_MS;
      if (ended !== undefined && due > ended) break;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const name = PROBES[index % PROBES.length] as CallName;
      probes.push(call(name, probeArg(name)).then(() => void latencies.get(name)?.push(performance.now() - due)));
    }
    await slowCall;
    await Promise.all(probes);
    return { scenario: scenario.name, threads, slowMs: (ended ?? started) - started, latencies };
  } finally {
    undo();
    await session.close();
  }
}

function probeArg(name: CallName): unknown {
  return name === 'records.page' ? { ...NS, limit: 100 } : {};
}

/** Another process takes the write lock; then one API write waits for it (and fails busy after 5 s). */
function lockedWrite(path: string): Scenario {
  return {
    name: 'a write waits 5 s for another process’s lock',
    async prepare() {
      const holder = fork(new URL('./lock-holder.ts', import.meta.url), [path, String(LOCK_MS)], {
        execArgv: ['--import', 'tsx'],
      });
      await new Promise<void>((resolve, reject) => {
        holder.once('message', () => resolve());
        holder.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)));
      });
      return () => holder.kill();
    },
    slow: (call) => call('record.write', { ...NS, key: 'bench/locked', value: 'eA==', expectedRevision: null }),
  };
}

function slowCount(): Scenario {
  return {
    name: 'a metadata count over every record',
    prepare: async () => () => {},
    slow: (call) => call('records.count', SLOW_COUNT),
  };
}

function print(outcomes: Outcome[], records: number): void {
  console.log(`\nOther calls while one call is slow, ${records.toLocaleString('en-US')} records`);
  console.log(`(a probe due every ${PROBE_EVERY_MS} ms; latency from when it was due)\n`);
  console.log('| slow call | store runs on | slow call took | probe | n | median | p95 | max | target |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const outcome of outcomes) {
    for (const [name, values] of outcome.latencies) {
      const where = outcome.threads === 'worker' ? 'its own threads' : 'the main thread (before)';
      const figures = [median(values), percentile(values, 95), Math.max(...values)].map(millis).join(' | ');
      console.log(
        `| ${outcome.scenario} | ${where} | ${millis(outcome.slowMs)} | ${name} | ${values.length} | ${figures} | < 50 ms |`,
      );
    }
  }
}
