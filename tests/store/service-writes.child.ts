/**
 * Child process for stale-marks.test.ts: a service writing through its own store (no inspector's lease of
 * its own), one write() per record given as JSON `[{ key, value, metadata }]`, then one JSON line.
 * Usage: node --import tsx tests/store/service-writes.child.ts <path> <records JSON>
 */
import { createSqliteStore } from '../../electron/store/index.js';

const [path, recordsJson] = process.argv.slice(2);
if (!path || !recordsJson) {
  console.error('usage: service-writes.child.ts <path> <records JSON>');
  process.exit(2);
}

const records = JSON.parse(recordsJson) as { key: string; value: string; metadata: Record<string, unknown> }[];
const store = createSqliteStore({ path });
try {
  for (const record of records) await store.write(record);
  await store.close();
  process.stdout.write(`${JSON.stringify({ written: records.length })}\n`);
} catch (error) {
  process.stderr.write(`child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
