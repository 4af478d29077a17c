/**
 * Keys are exact strings and may hold what a screen does not show: newlines, tabs, other control
 * characters, invisible format characters, and spaces at either end. Shown as they are they vanish or
 * change the layout, and a key that looks the same as another is not. So wherever a key is shown (never
 * where it is edited or sent) each of those is drawn as a visible marker: a control picture (␊ ␉ ␍ ␀ …),
 * ␣ for an edge space, ⟨U+200B⟩ for the rest.
 */

export interface KeySegment {
  text: string;
  /** Drawn in place of a character that would not show: style it apart from the key's own text. */
  marker: boolean;
}

/** Code point ranges that draw nothing: C0 and C1 controls, DEL, and invisible format characters. */
const INVISIBLE: readonly [number, number][] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x61c, 0x61c],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0xfeff, 0xfeff],
];

function isInvisible(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return INVISIBLE.some(([from, to]) => code >= from && code <= to);
}

function markerFor(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '␡';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** The key in pieces, each either its own text or a marker. */
export function keySegments(key: string): KeySegment[] {
  const lead = key.length - key.trimStart().length;
  const trail = key.length - key.trimEnd().length;
  const chars = [...key];
  const segments: KeySegment[] = [];
  const push = (text: string, marker: boolean) => {
    const last = segments.at(-1);
    if (last !== undefined && last.marker === marker) last.text += text;
    else segments.push({ text, marker });
  };
  let offset = 0;
  for (const char of chars) {
    const atEdge = offset < lead || offset >= key.length - trail;
    if (isInvisible(char)) push(markerFor(char), true);
    else if (char === ' ' && atEdge) push('␣', true);
    else push(char, false);
    offset += char.length;
  }
  return segments;
}

/** The key as one line of visible text: for titles, toasts and messages. */
export function visibleKey(key: string): string {
  return keySegments(key)
    .map((segment) => segment.text)
    .join('');
}

/** True when the key holds something that visibleKey marks. */
export function hasHiddenCharacters(key: string): boolean {
  return keySegments(key).some((segment) => segment.marker);
}
