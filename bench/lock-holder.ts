/**
 * Another process holding a store's write lock, as another program's import would: `lock-holder.ts <path>
 * <ms>` takes the lock, tells its parent "locked", holds it for <ms>, then lets go.
 */
import { openDatabase } from '../electron/store/sqlite-driver.js';

const [path, holdMs] = process.argv.slice(2);
if (path === undefined || holdMs === undefined) throw new Error('usage: lock-holder.ts <store path> <ms>');
const db = openDatabase(path);
db.exec('BEGIN IMMEDIATE');
process.send?.('locked');
setTimeout(() => {
  db.exec('ROLLBACK');
  db.close();
  process.exit(0);
}, Number(holdMs));
