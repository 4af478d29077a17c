/**
 * Child process for two-processes.test.ts: writes `count` records through its own store on the file at
 * `path`, one write() per record, then prints one JSON line. Any failed call is printed and exits 1.
 * Usage: node --import tsx tests/store/two-processes.child.ts <path> <count>
 */
import { createSqliteStore } from '../../electron/store/index.js';

const [path, countText] = process.argv.slice(2);
const count = Number(countText);
if (!path || !Number.isInteger(count)) {
  console.error('usage: two-processes.child.ts <path> <count>');
  process.exit(2);
}

function childKey(i: number): string {
  return `child/${String(i).padStart(5, '0')}`;
}

const store = createSqliteStore({ path });
try {
  await store.init();
  for (let i = 0; i < count; i++) {
    await store.write({ key: childKey(i), value: `child value ${i}`, metadata: { i } });
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ written: count })}\n`);
} catch (error) {
  process.stderr.write(`child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
