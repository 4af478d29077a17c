/**
 * A deliberately separate decoder for the tests: it reads record arrays and record lines by Go's rules for
 * `[]*store.Record` (json.Unmarshal), sharing no code with electron/records-json, so that a writer's output
 * is checked against Go's reading rather than against our own reader:
 *
 * - a tiny JSON parser that keeps number text (Go parses time.Duration from it: int64, no fraction, no exponent);
 * - field names matched without regard to case;
 * - `value` in standard base64 with `=` padding (\r and \n ignored), null = empty;
 * - `metadata` numbers as float64, null = no metadata.
 */

export interface GoRecord {
  key: string;
  value: Uint8Array;
  metadata: Record<string, unknown>;
  expiryNs: bigint;
}

class JsonNumber {
  constructor(readonly raw: string) {}
}

type Json = null | boolean | string | JsonNumber | Json[] | Map<string, Json>;

export function goDecodeArray(text: string): GoRecord[] {
  const value = parseJson(text);
  if (!Array.isArray(value)) throw new Error('not an array');
  return value.map(toRecord);
}

export function goDecodeLines(text: string): GoRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => toRecord(parseJson(line)));
}

function toRecord(value: Json): GoRecord {
  if (!(value instanceof Map)) throw new Error('a record must be an object');
  const record: GoRecord = { key: '', value: new Uint8Array(0), metadata: {}, expiryNs: 0n };
  for (const [name, field] of value) {
    switch (name.toLowerCase()) {
      case 'key':
        if (typeof field !== 'string') throw new Error('key must be a string');
        record.key = field;
        break;
      case 'value':
        record.value = field === null ? new Uint8Array(0) : stdBase64(asString(field));
        break;
      case 'metadata':
        record.metadata = field === null ? {} : (toPlain(field) as Record<string, unknown>);
        break;
      case 'expiry':
        record.expiryNs = field === null ? 0n : int64(field);
        break;
    }
  }
  return record;
}

function asString(value: Json): string {
  if (typeof value !== 'string') throw new Error('expected a string');
  return value;
}

function int64(value: Json): bigint {
  if (!(value instanceof JsonNumber) || !/^-?\d+$/.test(value.raw)) throw new Error('expiry must be an integer');
  const n = BigInt(value.raw);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) throw new Error('expiry out of int64');
  return n;
}

function toPlain(value: Json): unknown {
  if (value instanceof JsonNumber) return Number.parseFloat(value.raw);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, toPlain(v)]));
  return value;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function stdBase64(text: string): Uint8Array {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0) throw new Error('base64 length');
  const pads = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const group = s.slice(i, i + 4);
    const last = i + 4 === s.length;
    const digits = [...group].map((c, k) => {
      if (c === '=' && last && k >= 4 - pads) return 0;
      const d = ALPHABET.indexOf(c);
      if (d < 0) throw new Error(`bad base64 character ${c}`);
      return d;
    });
    const n = (digits[0]! << 18) | (digits[1]! << 12) | (digits[2]! << 6) | digits[3]!;
    out.push((n >> 16) & 255, (n >> 8) & 255, n & 255);
  }
  return Uint8Array.from(out.slice(0, out.length - pads));
}

/** A small strict JSON parser that keeps number text. */
function parseJson(text: string): Json {
  let i = 0;
  const ws = () => {
    while (/[ \t\r\n]/.test(text[i] ?? '')) i++;
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) throw new Error(`bad JSON at ${i}`);
    i += m[0].length;
    return new JsonNumber(m[0]);
  };
  const object = (): Json => {
    const map = new Map<string, Json>();
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return map;
    }
    for (;;) {
      ws();
      const name = string();
      ws();
      if (text[i++] !== ':') throw new Error('expected :');
      map.delete(name);
      map.set(name, value());
      ws();
      const c = text[i++];
      if (c === '}') return map;
      if (c !== ',') throw new Error('expected , or }');
    }
  };
  const array = (): Json => {
    const list: Json[] = [];
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return list;
    }
    for (;;) {
      list.push(value());
      ws();
      const c = text[i++];
      if (c === ']') return list;
      if (c !== ',') throw new Error('expected , or ]');
    }
  };
  const string = (): string => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw control characters.
    const m = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/.exec(text.slice(i));
    if (!m) throw new Error(`bad string at ${i}`);
    i += m[0].length;
    return unquote(m[0]);
  };
  const result = value();
  ws();
  if (i !== text.length) throw new Error('data after the value');
  return result;
}

function unquote(quoted: string): string {
  const simple: Record<string, string> = {
    '"': '"',
    '\\': '\\',
    '/': '/',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
  };
  return quoted
    .slice(1, -1)
    .replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
      e.length === 5 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : simple[e]!,
    );
}
