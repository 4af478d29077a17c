/**
 * go-micro's MySQL expiry column, as its Go driver writes and reads it. Write stores `time.Now().Add(Expiry)`
 * in a TIMESTAMP (whole seconds); go-sql-driver sends that instant as a UTC wall-clock text (its default
 * `loc`), which the server reads in the session time zone, and Read parses the text it gets back as UTC again.
 * So the column's wall-clock text, read as UTC, is the instant go-micro compares with its clock: we send and
 * read the same texts, in the session's own time zone, and compare them as go-micro does (expired when before
 * now). A record without expiry cannot be kept by go-micro (now + 0 is expired at once): we store the last
 * instant a TIMESTAMP holds instead, which go-micro reads as live (docs/backend-mysql.md, "Expiry").
 */
import { StoreInputError } from '../../store/types.js';

/** 2038-01-19 03:14:07 UTC, the largest TIMESTAMP every MySQL and MariaDB stores: "never expires". */
export const FOREVER_SECONDS = 2_147_483_647;
/** The same instant as the session's TIMESTAMP, for SQL. */
export const FOREVER_SQL = `FROM_UNIXTIME(${FOREVER_SECONDS})`;

/**
 * The column text for an instant (ms). Rounded up to the second: the column keeps whole seconds, and up
 * rather than down so a record lives at least its TTL.
 */
export function wallText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds >= FOREVER_SECONDS) {
    throw new StoreInputError(
      "go-micro's MySQL expiry column is a TIMESTAMP, which ends at 2038-01-19 03:14:07 UTC: choose an earlier expiry",
    );
  }
  if (seconds < 1)
    throw new StoreInputError('an expiry before 1970-01-01 00:00:01 UTC cannot be stored in a TIMESTAMP');
  return secondsText(seconds);
}

/** The column text of a whole second since the epoch, read as UTC (go-micro's reading). */
export function secondsText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The column text compared with "now": go-micro calls a row expired when its instant is before now (ms, not
 * whole seconds), and for a whole-second instant E, E < now exactly when E < ceil(now). So `expiry < nowText`.
 */
export function nowText(now: number): string {
  return wallText(now);
}

/** The instant (ms) of a column text; a zero or broken date (a non-strict server's 0000-00-00) is long past. */
export function instantOf(text: string): number {
  const ms = Date.parse(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? 0 : ms;
}

/** The column value for a TTL (ms): null means "never" (FOREVER_SQL, by COALESCE in the statement). */
export function expiryParam(ttl: number | undefined, now: number): string | null {
  const ms = ttl ?? 0;
  if (!Number.isFinite(ms) || ms < 0)
    throw new StoreInputError(`expiry must be a non-negative number of ms, got ${ms}`);
  return ms === 0 ? null : wallText(now + ms);
}
