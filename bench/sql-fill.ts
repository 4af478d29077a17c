import { COUNT_ROW_PREFIX } from '../electron/store/migrations/002-bounded-bookkeeping.js';
import { type Database, openDatabase } from '../electron/store/sqlite-driver.js';
import { keyOf, metadataOf, recordValue } from './dataset.js';

/**
 * Fills both benchmark files with records [from, to) of the dataset in SQL (one INSERT … SELECT over a
 * recursive CTE per chunk, each chunk sorted by key), so a 10,000,000-record run spends its time measuring,
 * not loading. The rows are what the benchmark's own writes would store; expiry follows `expiryOf`.
 */
const CHUNK = 500_000;

export function fillBySql(
  oursPath: string,
  plain: Database,
  namespace: { database: string; table: string },
  range: { from: number; to: number },
  expiryOf: (index: number) => number | undefined,
): void {
  const ours = openDatabase(oursPath);
  try {
    ours.pragma('busy_timeout = 5000');
    const nsId = ours
      .prepare('SELECT id FROM namespaces WHERE database = ? AND "table" = ?')
      .pluck()
      .get(namespace.database, namespace.table);
    if (typeof nsId !== 'number') throw new Error('create the namespace before filling it');
    const now = Date.now();
    for (const db of [ours, plain]) registerDataset(db, now, expiryOf);
    for (let start = range.from; start < range.to; start += CHUNK) {
      const end = Math.min(range.to, start + CHUNK) - 1;
      fillOurs(ours, nsId, start, end);
      plain
        .prepare(
          `${SERIES} INSERT INTO kv (key, value, metadata, expiry)
            SELECT bench_key(i), bench_value(i), bench_metadata(i), bench_expiry(i) FROM n ORDER BY 1`,
        )
        .run(start, end);
    }
  } finally {
    ours.close();
  }
}

const SERIES = 'WITH RECURSIVE n (i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)';

/** As a batch does: the per-row count trigger off (bulk_writes), the count raised once. */
function fillOurs(db: Database, nsId: number, start: number, end: number): void {
  db.transaction(() => {
    db.prepare('INSERT INTO bulk_writes (one) VALUES (1)').run();
    const inserted = db
      .prepare(
        `${SERIES} INSERT INTO records (ns, key, value, metadata, expires_at, updated_at)
          SELECT ?, bench_key(i), bench_value(i), bench_metadata(i), bench_expiry(i), bench_now() FROM n ORDER BY 2`,
      )
      .run(start, end, nsId).changes;
    db.prepare('DELETE FROM bulk_writes').run();
    db.prepare('UPDATE sqlite_sequence SET seq = seq + ? WHERE name = ?').run(inserted, `${COUNT_ROW_PREFIX}${nsId}`);
  }).immediate();
}

function registerDataset(db: Database, now: number, expiryOf: (index: number) => number | undefined): void {
  const index = (value: unknown) => Number(value);
  db.function('bench_key', { deterministic: true }, (i) => keyOf(index(i)));
  db.function('bench_value', { deterministic: true }, (i) => recordValue(index(i)));
  db.function('bench_metadata', { deterministic: true }, (i) => JSON.stringify(metadataOf(index(i))));
  db.function('bench_expiry', { deterministic: true }, (i) => {
    const life = expiryOf(index(i));
    return life === undefined ? null : life < 0 ? now - 1 : now + life;
  });
  db.function('bench_now', () => now);
}
