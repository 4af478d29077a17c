import { isExpired } from '../common/expiry.js';
import { fileStamp } from './gomicro-file-stamp.js';
import { type KeyRange, walkRange } from './gomicro-range.js';
import { expiresAtMs, type GoMicroTable } from './gomicro-table.js';

const EVERY_KEY: KeyRange = { prefix: Buffer.alloc(0), after: null, order: 'asc' };

export interface LiveCounts {
  live: number;
  expired: number;
}

interface Cached extends LiveCounts {
  stamp: string;
  /** The earliest expiry among the live records: the counts hold until then (null: for ever). */
  horizon: number | null;
}

/**
 * Live and expired counts per table file. Counting reads every record of the file (about a second for a
 * million), so a count is kept until the file changes (its stamp) or one of its live records expires (the
 * horizon), whichever comes first: the sidebar and `store.info` then cost a stat and a meta read per table.
 */
export class TableCountCache {
  private readonly cached = new Map<string, Cached>();

  counts(table: GoMicroTable, now: number): LiveCounts {
    const stamp = fileStamp(table.path);
    const hit = this.cached.get(table.path);
    if (hit !== undefined && hit.stamp === stamp && (hit.horizon === null || now <= hit.horizon)) return hit;
    const fresh = { ...countLiveness(table, now), stamp };
    this.cached.set(table.path, fresh);
    return fresh;
  }
}

function countLiveness(table: GoMicroTable, now: number): LiveCounts & { horizon: number | null } {
  return table.read((snapshot, data) => {
    const counts = { live: 0, expired: 0, horizon: null as number | null };
    if (data === null) return counts;
    walkRange(snapshot, data, EVERY_KEY, (entry) => {
      const expiresAt = expiresAtMs(entry, snapshot.file);
      if (isExpired(expiresAt, now)) counts.expired++;
      else {
        counts.live++;
        if (expiresAt !== null && (counts.horizon === null || expiresAt < counts.horizon)) counts.horizon = expiresAt;
      }
      return true;
    });
    return counts;
  });
}
