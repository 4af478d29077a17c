/**
 * A service writing hard into the store the app has open, for the live benchmark:
 * `node --import tsx tests/e2e/support/flood-writer.ts <store file> <seconds> <writes per second>`.
 * Every 10 ms it writes the records due by then (about 100 at 10,000 a second) in one `writeMany`,
 * and every 100 ms it writes the key `marker/latest` whose value is the time of that write (ms since
 * the epoch), so a page filtered to `marker/` can tell how late it shows each write. It prints one
 * JSON line at the end: how many records it wrote, in how long.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteStore } from '../../../electron/store/index.js';

const [path, seconds = '10', perSecond = '10000'] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: flood-writer.ts <store file> [seconds] [writes per second]');
const NS = { database: 'micro', table: 'micro' };
const TICK_MS = 10;
const MARKER_MS = 100;

const store = createSqliteStore({ path });
await store.init();
const rate = Number(perSecond);
const duration = Number(seconds) * 1000;
const started = performance.now();
let written = 0;
let lastMarker = Number.NEGATIVE_INFINITY;
for (let elapsed = 0; elapsed < duration; elapsed = performance.now() - started) {
  const due = Math.floor((elapsed / 1000) * rate) - written;
  if (due > 0) {
    const batch = Array.from({ length: due }, (_, offset) => ({
      key: `flood/${String(written + offset).padStart(8, '0')}`,
      value: `{"n":${written + offset},"at":${Date.now()}}`,
    }));
    await store.writeMany(NS, batch);
    written += due;
  }
  if (elapsed - lastMarker >= MARKER_MS) {
    lastMarker = elapsed;
    await store.write({ key: 'marker/latest', value: String(Date.now()) });
  }
  await sleep(TICK_MS);
}
process.stdout.write(`${JSON.stringify({ written, ms: Math.round(performance.now() - started) })}\n`);
await store.close();
