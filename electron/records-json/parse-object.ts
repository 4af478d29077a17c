/**
 * JSON.parse for one scanned object, with exact places for syntax errors, and a leaner path for records with
 * a big value: JSON.parse would copy a 67 MB base64 string out of the object text; instead the value is cut
 * out of the text as a slice (no copy) and the rest is parsed. That keeps one big record at about its text
 * plus its bytes in memory.
 */

import { QUOTE } from '../common/char-codes.js';
import { errorAt, type RecordsJsonError } from './errors.js';
import type { ScannedObject } from './json-object-scanner.js';
import { findSyntaxError } from './json-syntax.js';
import { lastMemberSpan } from './raw-member.js';
import { goFieldName } from './record-decoder.js';
import { placeWithin } from './text-places.js';

/** Objects longer than this (in characters) take the big-value path. */
const BIG_OBJECT = 1024 * 1024;

function parseObject(found: ScannedObject): Record<string, unknown> {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(found.text);
  } catch (error) {
    throw syntaxError(found, error);
  }
  return parsed;
}

/** Like parseObject; for a big object, the value string is a slice of the text rather than a copy. */
export function parseRecordObject(found: ScannedObject): Record<string, unknown> {
  const text = found.text;
  if (text.length < BIG_OBJECT) return parseObject(found);
  const span = lastMemberSpan(text, isValueName);
  const quoted = span && text.slice(span.start, span.end);
  if (!span || !quoted || quoted.charCodeAt(0) !== QUOTE || quoted.includes('\\')) return parseObject(found);
  // Between its quotes the value has no quote and no backslash, so putting "" in its place changes no other
  // token: the rest parses (or fails) exactly as the whole would. A raw control character inside the value,
  // which JSON forbids, is still refused later, as a character that is not base64.
  let rest: Record<string, unknown>;
  try {
    rest = JSON.parse(`${text.slice(0, span.start)}""${text.slice(span.end)}`);
  } catch {
    return parseObject(found);
  }
  rest[span.name] = quoted.slice(1, -1);
  return rest;
}

function isValueName(name: string): boolean {
  return goFieldName(name) === 'value';
}

function syntaxError(found: ScannedObject, parseError: unknown): RecordsJsonError {
  const problem = findSyntaxError(found.text);
  if (problem === null) {
    const detail = parseError instanceof Error ? parseError.message : String(parseError);
    return errorAt('syntax', found.start, detail);
  }
  return errorAt('syntax', placeWithin(found.text, found.start, problem.index), problem.message);
}
