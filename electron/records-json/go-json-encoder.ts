/**
 * JSON text exactly as Go's encoding/json writes it (json.Marshal, and json.Encoder with its default
 * SetEscapeHTML(true)), so that an exported file is byte-for-byte what a Go service would have written:
 *
 * - strings: `<`, `>`, `&` as \u003c \u003e \u0026; U+2028 and U+2029 as \u2028 \u2029; \b \f \n \r \t and
 *   `"` `\` as short escapes (Go >= 1.22; earlier Go wrote \u0008 and \u000c); other control characters as
 *   \u00XX in lower-case hex; everything else as raw UTF-8 (DEL included). A lone surrogate, which Go cannot
 *   hold, comes out as \ufffd, as Go writes invalid UTF-8.
 * - map[string]interface{}: keys sorted by their UTF-8 bytes.
 * - float64: the shortest text that reads back the same; exponent form below 1e-6 and from 1e21 on. That is
 *   also how JavaScript prints numbers, except that Go keeps the sign of -0.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters Go escapes.
const NEEDS_ESCAPE = /["\\<>&\u0000-\u001f\u2028\u2029\ud800-\udfff]/;
const HEX = '0123456789abcdef';

export function goString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  let out = '"';
  let done = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replacement = escapeFor(c);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      const paired = c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      if (paired) {
        i++;
        continue;
      }
      replacement = '\\ufffd';
    }
    if (replacement === null) continue;
    out += text.slice(done, i) + replacement;
    done = i + 1;
  }
  return `${out}${text.slice(done)}"`;
}

function escapeFor(c: number): string | null {
  switch (c) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x3c:
    case 0x3e:
    case 0x26:
    case 0x2028:
    case 0x2029:
      return `\\u${c.toString(16).padStart(4, '0')}`;
    default:
      return c < 0x20 ? `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}` : null;
  }
}

export function goNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`${n} cannot be written as JSON (Go refuses NaN and infinities)`);
  return Object.is(n, -0) ? '-0' : String(n);
}

/** Orders strings as Go sorts map keys: by UTF-8 bytes, which is code point order. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 units order like code points except that surrogates (supplementary planes) must come after
    // U+E000..U+FFFF.
    return x >= 0xd800 && y >= 0xd800 ? surrogatesLast(x) - surrogatesLast(y) : x - y;
  }
  return a.length - b.length;
}

function surrogatesLast(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * A metadata value (plain JSON as the Store keeps it) as Go writes the interface{} it would decode into.
 * Properties holding `undefined` are left out, as JSON.stringify does; anything JSON cannot carry is refused.
 */
export function goValue(value: unknown, ancestors: object[] = []): string {
  switch (typeof value) {
    case 'string':
      return goString(value);
    case 'number':
      return goNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return goContainer(value, ancestors);
    default:
      throw new TypeError(`metadata holds ${typeof value}, which JSON cannot carry`);
  }
}

function goContainer(value: object, ancestors: object[]): string {
  if (ancestors.includes(value)) throw new TypeError('metadata has a cycle');
  ancestors.push(value);
  const text = Array.isArray(value) ? goArray(value, ancestors) : goObject(value, ancestors);
  ancestors.pop();
  return text;
}

function goArray(items: unknown[], ancestors: object[]): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!(i in items) || items[i] === undefined) throw new TypeError('metadata has an array hole or undefined');
    parts.push(goValue(items[i], ancestors));
  }
  return `[${parts.join(',')}]`;
}

function goObject(obj: object, ancestors: object[]): string {
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`metadata holds a ${obj.constructor?.name ?? 'non-plain object'}, which JSON cannot carry`);
  }
  const record = obj as Record<string, unknown>;
  const names = Object.keys(record).filter((name) => record[name] !== undefined);
  if (names.length === 0) return '{}';
  names.sort(compareUtf8);
  const parts = names.map((name) => `${goString(name)}:${goValue(record[name], ancestors)}`);
  return `{${parts.join(',')}}`;
}
