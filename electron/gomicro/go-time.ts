/**
 * Go's time.Time as encoding/json writes it: RFC 3339 with up to nine fraction digits and any zone offset.
 * Kept as whole seconds plus nanoseconds because a JavaScript Date holds only milliseconds, and computed by
 * hand because Date.UTC maps years 0-99 to 1900-1999 (Go's zero time is in year 1).
 */
export interface GoTime {
  /** Seconds since the Unix epoch, UTC. */
  seconds: number;
  /** 0..999,999,999 */
  nanos: number;
}

const SECONDS_PER_DAY = 86_400;

/** Howard Hinnant's days_from_civil: days since 1970-01-01 in the proleptic Gregorian calendar. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Parses what Go's time.Time.MarshalJSON writes; null when `text` is not such a time. */
export function parseGoTime(text: string): GoTime | null {
  // Only ASCII can be a valid time; checking first keeps latin1 from turning other characters into digits.
  if (!/^[\x20-\x7e]*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'latin1');
  return parseGoTimeBytes(bytes, 0, bytes.length);
}

/** The value of `count` ASCII digits at `at`, or -1. */
function digits(b: Uint8Array, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = (b[i] ?? 0) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const SEPARATORS: [number, number][] = [
  [4, 0x2d], // -
  [7, 0x2d],
  [10, 0x54], // T
  [13, 0x3a], // :
  [16, 0x3a],
];

/**
 * RFC 3339 as Go writes it (`2006-01-02T15:04:05.999999999Z07:00`), parsed by hand from bytes: counting a
 * million records reads a million of these, and a regular expression over a decoded string costs too much.
 */
export function parseGoTimeBytes(b: Uint8Array, start: number, end: number): GoTime | null {
  if (end - start < 20 || SEPARATORS.some(([at, ch]) => b[start + at] !== ch)) return null;
  const [year, month, day] = [digits(b, start, 4), digits(b, start + 5, 2), digits(b, start + 8, 2)];
  const [hour, minute, second] = [digits(b, start + 11, 2), digits(b, start + 14, 2), digits(b, start + 17, 2)];
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  let at = start + 19;
  let nanos = 0;
  if (b[at] === 0x2e) {
    const first = ++at;
    while (at < end && at - first < 10 && (b[at] ?? 0) >= 0x30 && (b[at] ?? 0) <= 0x39) at++;
    if (at === first || at - first > 9) return null;
    nanos = digits(b, first, at - first) * 10 ** (9 - (at - first));
  }
  const offset = zoneOffset(b, at, end);
  if (offset === null) return null;
  const local = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  return { seconds: local - offset, nanos };
}

/** `Z` or `±hh:mm` filling exactly [at, end): the offset in seconds east of UTC. */
function zoneOffset(b: Uint8Array, at: number, end: number): number | null {
  if (b[at] === 0x5a) return at + 1 === end ? 0 : null;
  const sign = b[at] === 0x2b ? 1 : b[at] === 0x2d ? -1 : 0;
  if (sign === 0 || end - at !== 6 || b[at + 3] !== 0x3a) return null;
  const [hours, minutes] = [digits(b, at + 1, 2), digits(b, at + 4, 2)];
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  return sign * (hours * 3600 + minutes * 60);
}

/** Go's zero time.Time, 0001-01-01T00:00:00Z: go-micro's "never expires". */
export const GO_ZERO_SECONDS = daysFromCivil(1, 1, 1) * SECONDS_PER_DAY;

export function isGoZeroTime(t: GoTime): boolean {
  return t.seconds === GO_ZERO_SECONDS && t.nanos === 0;
}

/** Milliseconds since the epoch, keeping the sub-millisecond part as a fraction. */
export function goTimeToMs(t: GoTime): number {
  return t.seconds * 1000 + t.nanos / 1e6;
}

/** RFC 3339 in UTC as Go's RFC3339Nano writes it: trailing zeros of the fraction dropped. */
export function formatGoTimeUtc(t: GoTime): string {
  const days = Math.floor(t.seconds / SECONDS_PER_DAY);
  const rest = t.seconds - days * SECONDS_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}`;
  const fraction = t.nanos === 0 ? '' : `.${String(t.nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${time}${fraction}Z`;
}
