/**
 * The live view's poll for a go-micro table: a token that moves when a write to the table commits, from any
 * client. Postgres keeps no per-table change counter that is current (pg_stat_user_tables lags up to 10 s:
 * a backend flushes its counters at most once a second and an idle one only after 10 s), and a trigger would
 * change the service's schema. So two steps (docs/backend-postgres.md, "Live changes"):
 *
 * 1. The cluster's snapshot (`pg_current_snapshot()`: next transaction id and those in flight) moves whenever
 *    any writing transaction starts or ends anywhere on the server. Unmoved, nothing was written: the last
 *    token stands, at the cost of one catalog-free call and no table read.
 * 2. Moved: one scan of the table, `count(*)` and the sum of every row's `xmin` (each insert, update and
 *    delete changes one of them). At 1M rows that is a full scan of ~190 MB (about 160-230 ms here), so
 *    a scan starts no sooner than SCAN_SPACING times the last one's duration after it; between two scans the last token stands
 *    and the snapshot is checked again at the next poll.
 */
import type { Queryable } from './pg-errors.js';
import { type PgTable, qualified } from './pg-names.js';

/** A scan starts SCAN_SPACING × the last one's duration after it or later: scans take at most half the time. */
const SCAN_SPACING = 2;

interface Seen {
  snapshot: string;
  token: string;
  /** Before this instant (ms) no new scan starts. */
  nextScanAt: number;
}

export class PgChangeTokens {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  async token(db: Queryable, target: PgTable): Promise<string> {
    const name = qualified(target);
    // The snapshot is read before the scan: a write committing in between moves it, so the next poll scans again.
    const snapshot = await clusterSnapshot(db);
    const known = this.seen.get(name);
    if (known !== undefined && (known.snapshot === snapshot || this.clock() < known.nextScanAt)) return known.token;
    const started = this.clock();
    const token = await tableFingerprint(db, target);
    const took = this.clock() - started;
    this.seen.set(name, { snapshot, token, nextScanAt: started + took * SCAN_SPACING });
    return token;
  }
}

async function clusterSnapshot(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ snapshot: string }>('SELECT pg_current_snapshot()::text AS snapshot');
  return rows[0]?.snapshot ?? '';
}

/** Expired rows count too: a write is a change whether or not go-micro would show the row. */
async function tableFingerprint(db: Queryable, target: PgTable): Promise<string> {
  const { rows } = await db.query<{ n: string; xmins: string | null }>(
    `SELECT count(*)::text AS n, sum(xmin::text::int8)::text AS xmins FROM ${qualified(target)}`,
  );
  return `${rows[0]?.n ?? '0'}:${rows[0]?.xmins ?? '0'}`;
}
