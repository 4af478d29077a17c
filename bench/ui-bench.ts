/**
 * The renderer in Chromium over a store of `--records` records, served in browser mode: how soon
 * the first rows show, how fast a filter keystroke updates the grid, whether scrolling 10,000 rows
 * stays smooth with few DOM rows, and how long a 5 MB value takes to open. Prints figures only.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startServer } from '../electron/serve/server.js';
import { createSqliteStore } from '../electron/store/index.js';
import { chromiumExecutable } from '../tests/e2e/support/chromium.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, loadDataset, mix } from './dataset.js';
import { median, millis } from './measure.js';
import { PAGE_PROBES } from './ui-bench-probes.js';

const BATCH = 10_000;
const BIG_KEY = 'big/5mb-json';
const HUGE_KEY = 'huge/50mb-json';
const ROW = '[role=grid] [role=row][aria-rowindex="2"]:not([aria-busy])';

interface Figure {
  work: string;
  result: string;
  target: string;
}

async function buildStore(path: string, records: number): Promise<void> {
  const store = createSqliteStore({ path });
  await loadDataset(store, records, BATCH);
  const items = Array.from({ length: 60_000 }, (_, index) => ({ id: index, name: `item ${index}`, tags: ['a', 'b'] }));
  await store.write({ key: BIG_KEY, value: JSON.stringify({ items }).padEnd(5 * 1024 * 1024, ' ') });
  await store.write({ key: HUGE_KEY, value: hugeJson() });
  // The server fills the key index behind the writers; filled now, it does not compete with the timings.
  while ((await store.indexKeys(100_000)) > 0);
  await store.close();
}

/** About 50 MB of JSON as services write it: one line, no indentation. */
function hugeJson(): string {
  const items = Array.from({ length: 640_000 }, (_, index) => ({ id: index, name: `item ${index}`, tags: ['a', 'b'] }));
  return JSON.stringify({ items }).padEnd(50 * 1024 * 1024, ' ');
}

/** The 50 MB value: Load all, keystrokes in it, and switching it to Base64 and Hex. */
async function hugeValue(page: Page): Promise<Figure[]> {
  await page.getByLabel('Prefix').fill('huge/');
  await page.waitForSelector(`${ROW}:has-text("${HUGE_KEY}")`);
  await page.locator(ROW).click();
  await page.getByRole('button', { name: 'Load all' }).waitFor();
  const load = await page.evaluate(PAGE_PROBES.clickUntil, ['Load all', '.cm-content[aria-readonly=false]'] as const);
  const call = await page.evaluate(PAGE_PROBES.lastCallTiming, 'record.getBytes');
  console.log(`load all: ${JSON.stringify(load)}; its record.getBytes: ${JSON.stringify(call)}`);
  const figures: Figure[] = [
    { work: '50 MB JSON value: Load all to editable', result: timed(load), target: '< 2 s; no frozen window' },
  ];
  await page.locator('aside .cm-content').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+End');
  const keys: { ms: number; longestTask: number }[] = [];
  for (const key of 'abcdefghij') {
    await page.waitForTimeout(150);
    // Armed before the key is sent: a keystroke that overtook the probe would never be seen.
    await page.evaluate(PAGE_PROBES.armKeystroke);
    await page.keyboard.type(key);
    keys.push(await page.evaluate(PAGE_PROBES.keystrokeSettled));
  }
  console.log(`keystrokes: ${keys.map((key) => key.ms.toFixed(0)).join(' ')}`);
  figures.push({
    work: `50 MB value: keystroke to painted (median of ${keys.length}; max)`,
    result: `${millis(median(keys.map((key) => key.ms)))}; ${millis(Math.max(...keys.map((key) => key.ms)))}; longest task ${millis(Math.max(...keys.map((key) => key.longestTask)))}`,
    target: '< 50 ms',
  });
  // Back to the value as stored: the switches below time the 50 MB, not the typed text's parse.
  await page.getByRole('button', { name: 'Revert' }).click();
  const base64 = await page.evaluate(PAGE_PROBES.clickUntil, [
    'Base64',
    '.mode-switch button:nth-of-type(4)[aria-pressed=true]',
  ] as const);
  const hex = await page.evaluate(PAGE_PROBES.clickUntil, ['Hex', '.hex-row'] as const);
  console.log(`base64: ${JSON.stringify(base64)} hex: ${JSON.stringify(hex)}`);
  figures.push(
    { work: '50 MB value: switch to Base64', result: timed(base64), target: '< 2 s; no frozen window' },
    { work: '50 MB value: switch to Hex', result: timed(hex), target: '< 2 s; no frozen window' },
  );
  return figures;
}

const timed = ({ ms, longestTask }: { ms: number; longestTask: number }) =>
  `${millis(ms)}; longest task ${millis(longestTask)}`;

async function firstRows(page: Page, url: string): Promise<number> {
  const start = performance.now();
  await page.goto(url);
  await page.waitForSelector(ROW);
  return performance.now() - start;
}

/**
 * Types each key's first characters one at a time, `pauseMs` apart (about 250 ms is a person's
 * typing pace; 0 is a burst, which the filter's debounce coalesces); each keystroke is timed until
 * the grid shows the new rows.
 */
async function filterKeystrokes(page: Page, records: number, pauseMs: number): Promise<number[]> {
  const prefix = page.getByLabel('Prefix');
  const times: number[] = [];
  for (let sample = 0; sample < 4; sample++) {
    const key = keyOf(mix(sample + 11) % records);
    await prefix.fill('');
    await page.waitForSelector(ROW);
    await prefix.focus();
    for (let length = 1; length <= 8; length++) {
      const typed = key.slice(0, length);
      await page.waitForTimeout(pauseMs);
      const settled = page.evaluate(PAGE_PROBES.gridShowsPrefix, typed);
      const start = performance.now();
      await page.keyboard.type(key.charAt(length - 1));
      await settled;
      times.push(performance.now() - start);
    }
  }
  await prefix.fill('');
  return times;
}

export async function runUiBench(args: BenchArgs): Promise<void> {
  const rendererDir = resolve('out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('Build the renderer first: npm run build');
  // UI_BENCH_STORE reuses a store a previous run kept (--keep), to time the UI alone.
  const reused = process.env.UI_BENCH_STORE;
  const dir = reused === undefined ? mkdtempSync(join(tmpdir(), 'si-bench-ui-')) : undefined;
  const storePath = reused ?? join(dir ?? '', 'ui.db');
  if (dir !== undefined) {
    console.log(`Loading ${args.records.toLocaleString('en-US')} records into ${storePath} …`);
    await buildStore(storePath, args.records);
  }
  const server = await startServer({ storePath, rendererDir });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const figures: Figure[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx keeps function names with a `__name` helper that the page lacks; the probes need it defined.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.addInitScript(PAGE_PROBES.watchLongTasks);
    // `--only huge`: the 50 MB value alone (with UI_BENCH_STORE, a store kept from an earlier run).
    if (args.only === 'huge') {
      await page.goto(server.url);
      await page.waitForSelector(ROW);
      printFigures('UI benchmark, the 50 MB value alone, Chromium (headless)', await hugeValue(page));
      return;
    }
    const loads = [];
    for (let run = 0; run < 3; run++) loads.push(await firstRows(page, server.url));
    const [cold = 0] = loads;
    console.log(`first rows: ${loads.map(millis).join(', ')}`);
    figures.push({
      work: 'navigation to first rows (cold; median of 3)',
      result: `${millis(cold)}; ${millis(median(loads))}`,
      target: '< 1.5 s',
    });

    for (const [pace, pauseMs] of [
      ['typing pace', 250],
      ['back to back', 0],
    ] as const) {
      const keystrokes = await filterKeystrokes(page, args.records, pauseMs);
      console.log(`keystrokes (${pace}): ${keystrokes.map((ms) => ms.toFixed(0)).join(' ')}`);
      figures.push({
        work: `filter keystroke to updated rows, ${pace} (median of ${keystrokes.length}; max)`,
        result: `${millis(median(keystrokes))}; ${millis(Math.max(...keystrokes))}`,
        target: 'median < 150 ms',
      });
    }

    await page.waitForSelector(ROW);
    const scroll = await page.evaluate(PAGE_PROBES.scrollRows, 10_000);
    console.log(`scroll: ${JSON.stringify(scroll)}`);
    figures.push({
      work: `scroll 10,000 rows in ${Math.round(scroll.frames)} frames (${millis(scroll.ms)})`,
      result: `max ${scroll.maxDomRows} DOM rows; longest task ${millis(scroll.longestTask)}`,
      target: '< 200 rows; no task > 100 ms',
    });

    const jump = await page.evaluate(PAGE_PROBES.jumpTo, 0.5);
    figures.push({
      work: `drag the scrollbar to the middle (first row shown: ${jump.firstKey})`,
      result: `${millis(jump.ms)}; longest task ${millis(jump.longestTask)}`,
      target: 'no target',
    });

    await page.getByLabel('Prefix').fill('big/');
    await page.waitForSelector(`${ROW}:has-text("${BIG_KEY}")`);
    const open = await page.evaluate(PAGE_PROBES.openFirstRow);
    figures.push({
      work: 'open a record with a 5 MB JSON value',
      result: `${millis(open.ms)}; longest task ${millis(open.longestTask)}`,
      target: '< 500 ms; no task > 200 ms',
    });
    figures.push(...(await hugeValue(page)));
  } finally {
    await browser.close();
    await server.close();
    if (dir !== undefined && !args.keep) rmSync(dir, { recursive: true, force: true });
    if (args.keep) console.log(`Kept ${storePath}: UI_BENCH_STORE=${storePath} reuses it`);
  }
  printFigures(`UI benchmark, ${args.records.toLocaleString('en-US')} records, Chromium (headless)`, figures);
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
