/**
 * The counts a server's table list shows (the sidebar, `tables` in the CLI). An exact count scans the
 * table (250 ms for Postgres, over 1 s for MySQL at 1M rows: docs/benchmarks.md), once per table on every
 * listing; so a table the server's catalog puts at ESTIMATE_FROM rows or more is listed with that estimate
 * (expired rows included), marked `estimated`, and counted exactly only when the user asks (the status bar's
 * "Count exactly"). Smaller tables count in a few ms and are listed exactly.
 */
import type { TableInfo } from '../../store/namespace-counts.js';

export const ESTIMATE_FROM = 100_000;

export async function listedCount(
  table: string,
  estimate: number | null,
  exact: () => Promise<{ live: number; expired: number }>,
): Promise<TableInfo> {
  if (estimate !== null && estimate >= ESTIMATE_FROM)
    return { table, count: Math.round(estimate), expired: 0, estimated: true };
  const { live, expired } = await exact();
  return { table, count: live, expired };
}
