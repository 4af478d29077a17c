/**
 * "Key contains" for stores whose keys are filtered in JavaScript. Ignoring case folds ASCII letters only, as
 * SQLite's lower() does, so every backend finds the same keys (docs/metadata-queries.md). Works on JavaScript
 * strings and on byte strings (one char per byte) alike, since ASCII letters are one byte in UTF-8.
 */
export type ContainsCase = 'sensitive' | 'insensitive';

export function keyContainsTest(needle: string, caseMode: ContainsCase | undefined): (key: string) => boolean {
  if (needle === '') return () => true;
  if (caseMode !== 'insensitive') return (key) => key.includes(needle);
  const folded = asciiLower(needle);
  return (key) => asciiLower(key).includes(folded);
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
