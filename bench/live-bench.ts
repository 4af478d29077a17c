/**
 * The live view, served in browser mode with Chromium watching: (1) what watching an unchanged
 * store costs, in CPU of the serve process (measured in process, `process.cpuUsage()`) and of the
 * page (CDP's TaskDuration), over 10 s; (2) another process writing 10,000 records a second for
 * 10 s while the page is open: the page's longest task, and how late it shows a write (the writer
 * stamps `marker/latest` with its write time every 100 ms; the page, filtered to `marker/`, notes
 * when each stamp appears), with the Changes panel open. Prints figures only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import { startServer } from '../electron/serve/server.js';
import { createSqliteStore } from '../electron/store/index.js';
import { chromiumExecutable } from '../tests/e2e/support/chromium.js';
import type { BenchArgs } from './bench-args.js';
import { loadDataset } from './dataset.js';
import { median, percentile } from './measure.js';
import { PAGE_PROBES } from './ui-bench-probes.js';

const BATCH = 10_000;
/** The store under watch: big enough to be real, quick to build (the live view's cost does not grow with it). */
const MAX_RECORDS = 100_000;
const IDLE_MS = 10_000;
const FLOOD_SECONDS = 10;
const FLOOD_RATE = 10_000;

interface Figure {
  work: string;
  result: string;
  target: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the page's globals are not typed in a Node program.
type PageGlobal = any;

/** In the page: notes, for each new value of the marker row, how long after its write it showed. */
function watchMarker(): void {
  const page = globalThis as PageGlobal;
  page.__markerLags = [] as number[];
  const stamp = () => {
    const cell = page.document.querySelector('[role=grid] [role=row][aria-rowindex="2"] .cell-value');
    return (cell?.textContent ?? '').replace(/^text/, '');
  };
  // The stamp on screen now is old news: only the ones that appear from now on are timed.
  let shown = stamp();
  const check = () => {
    const text = stamp();
    if (text === shown || !/^\d{13}$/.test(text)) return;
    shown = text;
    page.__markerLags.push(Date.now() - Number(text));
  };
  new page.MutationObserver(check).observe(page.document.body, {
    subtree: true,
    childList: true,
    characterData: true,
  });
}

async function buildStore(path: string, records: number): Promise<void> {
  const store = createSqliteStore({ path });
  await loadDataset(store, records, BATCH);
  await store.write({ key: 'marker/latest', value: String(Date.now()) });
  while ((await store.indexKeys(100_000)) > 0);
  await store.close();
}

/** Main-thread task time of the page so far, in ms (CDP Performance.getMetrics). */
async function pageTaskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** CPU of this process (the serve process: server, store and watcher) and of the page, over `ms`. */
async function cpuOver(cdp: CDPSession, ms: number, during: () => Promise<void>) {
  const pageBefore = await pageTaskMs(cdp);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await during();
  const wall = Math.max(ms, performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  const pageMs = (await pageTaskMs(cdp)) - pageBefore;
  return { serve: ((cpu.user + cpu.system) / 1000 / wall) * 100, page: (pageMs / wall) * 100 };
}

function startFlood(storePath: string): { child: ChildProcess; done: Promise<{ written: number; ms: number }> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/e2e/support/flood-writer.ts', storePath, String(FLOOD_SECONDS), String(FLOOD_RATE)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const done = new Promise<{ written: number; ms: number }>((resolveDone, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolveDone(JSON.parse(output)) : reject(new Error(`the writer exited with ${code}`)),
    ),
  );
  return { child, done };
}

async function openPage(browser: Browser, url: string): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.addInitScript(PAGE_PROBES.watchLongTasks);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForSelector('[role=grid] [role=row][aria-rowindex="2"]:not([aria-busy])');
  return { page, cdp };
}

export async function runLiveBench(args: BenchArgs): Promise<void> {
  const rendererDir = resolve('out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('Build the renderer first: npm run build');
  const records = Math.min(args.records, MAX_RECORDS);
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-live-'));
  const storePath = join(dir, 'live.db');
  console.log(`Loading ${records.toLocaleString('en-US')} records into ${storePath} …`);
  await buildStore(storePath, records);
  const server = await startServer({ storePath, rendererDir });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const figures: Figure[] = [];
  try {
    const { page, cdp } = await openPage(browser, server.url);
    await page.waitForTimeout(2_000);
    const idle = await cpuOver(cdp, IDLE_MS, () => page.waitForTimeout(IDLE_MS));
    figures.push(
      { work: 'idle watching, 10 s: serve process CPU', result: `${idle.serve.toFixed(2)}% of a core`, target: '< 2%' },
      { work: 'idle watching, 10 s: page main thread', result: `${idle.page.toFixed(2)}% of a core`, target: '< 2%' },
    );

    // The Changes panel open too: it lists the newest of the thousands of changes a second.
    await page.getByRole('button', { name: /^Changes/ }).click();
    await page.getByLabel('Prefix').fill('marker/');
    await page.waitForSelector('[role=grid] [role=row][aria-rowindex="2"]:has-text("marker/latest")');
    await page.evaluate(watchMarker);
    await page.evaluate(() => {
      (globalThis as PageGlobal).__longTasks.length = 0;
    });
    const flood = startFlood(storePath);
    const busy = await cpuOver(cdp, FLOOD_SECONDS * 1000, async () => void (await flood.done));
    const wrote = await flood.done;
    await page.waitForTimeout(1_000);
    const { lags, longTasks } = await page.evaluate(() => {
      const global = globalThis as PageGlobal;
      return { lags: global.__markerLags as number[], longTasks: global.__longTasks as number[] };
    });
    const rate = Math.round((wrote.written / wrote.ms) * 1000);
    figures.push(
      {
        work: `external writer: ${wrote.written.toLocaleString('en-US')} records in ${(wrote.ms / 1000).toFixed(1)} s`,
        result: `${rate.toLocaleString('en-US')} writes/s`,
        target: '10,000/s',
      },
      {
        work: `write to shown (marker, ${lags.length} updates seen): median; p95; max`,
        result: `${median(lags).toFixed(0)} ms; ${percentile(lags, 95).toFixed(0)} ms; ${Math.max(0, ...lags).toFixed(0)} ms`,
        target: '< 1,000 ms',
      },
      {
        work: 'page long tasks during the writes (count; longest)',
        result: `${longTasks.length}; ${Math.max(0, ...longTasks).toFixed(0)} ms`,
        target: 'none > 100 ms',
      },
      {
        work: 'during the writes: serve process CPU',
        result: `${busy.serve.toFixed(1)}% of a core`,
        target: 'no target',
      },
      {
        work: 'during the writes: page main thread',
        result: `${busy.page.toFixed(1)}% of a core`,
        target: 'no target',
      },
    );
  } finally {
    await browser.close();
    await server.close();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
  printFigures(`Live view benchmark, ${records.toLocaleString('en-US')} records, Chromium (headless)`, figures);
}

function printFigures(title: string, figures: Figure[]): void {
  const widths = (['work', 'result', 'target'] as const).map((column) =>
    Math.max(column.length, ...figures.map((figure) => figure[column].length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(['work', 'result', 'target']));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const figure of figures) console.log(line([figure.work, figure.result, figure.target]));
}
