/**
 * JSON tokens for highlighting and pretty-printing. Pretty-printing re-indents the tokens rather
 * than going through JSON.parse, so numbers keep their exact digits (a 64-bit id survives).
 */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'space' | 'other';

export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const TOKEN =
  /(\s+)|("(?:[^"\\\n]|\\.)*"?)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\]:,])|([^\s"{}[\]:,]+)/y;
const KINDS: JsonTokenKind[] = ['space', 'string', 'number', 'literal', 'punct', 'other'];

export function tokenizeJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const group = match.slice(1).findIndex((part) => part !== undefined);
    tokens.push({ kind: KINDS[group] ?? 'other', text: match[0] });
    if (TOKEN.lastIndex === text.length) break;
  }
  markKeys(tokens);
  return tokens;
}

/** A string followed by a colon is a key. */
function markKeys(tokens: JsonToken[]): void {
  let pending: JsonToken | undefined;
  for (const token of tokens) {
    if (token.kind === 'space') continue;
    if (token.kind === 'punct' && token.text === ':' && pending !== undefined) pending.kind = 'key';
    pending = token.kind === 'string' ? token : undefined;
  }
}

export function prettyJson(text: string, indent = '  '): string {
  const out: string[] = [];
  let depth = 0;
  let previous: JsonToken | undefined;
  const newline = () => `\n${indent.repeat(depth)}`;
  for (const token of tokenizeJson(text)) {
    if (token.kind === 'space') continue;
    const opens = token.text === '{' || token.text === '[';
    const closes = token.text === '}' || token.text === ']';
    const afterOpen = previous?.text === '{' || previous?.text === '[';
    if (closes) {
      depth--;
      if (!afterOpen) out.push(newline());
    } else if (afterOpen) {
      out.push(newline());
    }
    out.push(token.kind === 'punct' && token.text === ':' ? ': ' : token.text);
    if (opens) depth++;
    if (token.text === ',') out.push(newline());
    previous = token;
  }
  return out.join('');
}

/** Why the text is not JSON, or undefined when it is. */
export function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'not valid JSON';
  }
}
