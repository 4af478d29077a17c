/**
 * Go's `encoding/json` reads a `[]byte` with `base64.StdEncoding`: the standard alphabet, `=` padding required,
 * padding bits not checked, and `\r` / `\n` ignored anywhere. Node's own base64 decoder is far more lenient
 * (it skips bad characters, takes the URL alphabet, needs no padding), so the text is checked first.
 */

const CANONICAL = /^[A-Za-z0-9+/]*={0,2}$/;
const LINE_BREAKS = /[\r\n]/g;
const EMPTY = Buffer.alloc(0);

export type Base64Result = { ok: true; bytes: Buffer } | { ok: false; problem: string };

export function decodeGoBase64(text: string): Base64Result {
  if (text.length === 0) return { ok: true, bytes: EMPTY };
  // With length a multiple of 4, at most 2 trailing '=' and nothing else outside the alphabet, the padding is
  // necessarily right: 0 pads after 4k data characters, 1 after 4k+3, 2 after 4k+2.
  if (text.length % 4 === 0 && CANONICAL.test(text)) return { ok: true, bytes: Buffer.from(text, 'base64') };
  const joined = text.replace(LINE_BREAKS, '');
  if (joined.length !== text.length) {
    if (joined.length === 0) return { ok: true, bytes: EMPTY };
    if (joined.length % 4 === 0 && CANONICAL.test(joined)) return { ok: true, bytes: Buffer.from(joined, 'base64') };
  }
  return { ok: false, problem: explain(text) };
}

/** Why Go would refuse the text, for the error message. Offsets are in the string as given. */
function explain(text: string): string {
  let data = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\r' || c === '\n') continue;
    if (c === '=') {
      pads++;
    } else if (/[A-Za-z0-9+/]/.test(c)) {
      if (pads > 0) return `data after '=' padding at offset ${i}`;
      data++;
    } else {
      const hint = c === '-' || c === '_' ? ' (URL-safe base64 is not accepted: Go uses the standard alphabet)' : '';
      return `illegal character ${JSON.stringify(c)} at offset ${i}${hint}`;
    }
  }
  if (pads > 2) return "too much '=' padding";
  return `${data} base64 characters and ${pads} '=' do not make whole 4-character groups (is the '=' padding missing?)`;
}
