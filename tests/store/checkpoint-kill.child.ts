/**
 * Child process for checkpoint-kill.test.ts: commits `count` records to the store at `path` while a second
 * connection's open read keeps every frame in the WAL (so no automatic checkpoint copies any), then prints
 * "checkpoint" and copies the whole WAL into the file, the step the parent kills it in.
 * Usage: node --import tsx tests/store/checkpoint-kill.child.ts <path> <count>
 */
import { createSqliteStore } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';

const [path, countText] = process.argv.slice(2);
const count = Number(countText);
if (!path || !Number.isInteger(count)) {
  console.error('usage: checkpoint-kill.child.ts <path> <count>');
  process.exit(2);
}

const pin = openDatabase(path);
pin.exec('BEGIN');
pin.prepare('SELECT count(*) FROM sqlite_schema').get();
const store = createSqliteStore({ path });
await store.writeMany(
  { database: 'micro', table: 'micro' },
  Array.from({ length: count }, (_, i) => ({ key: `new/${String(i).padStart(6, '0')}`, value: 'x'.repeat(1000) })),
);
await store.close();
pin.exec('COMMIT');
process.stdout.write('checkpoint\n');
pin.pragma('wal_checkpoint(TRUNCATE)');
process.stdout.write('done\n');
pin.close();
