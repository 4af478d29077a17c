/**
 * JSON.parse for one scanned object, with exact places for syntax errors, and a leaner path for records with
 * a big value: JSON.parse would copy a 67 MB base64 string out of the object text; instead the value is cut
 * out of the text as a slice (no copy) and the rest is parsed. That keeps one big record at about its text
 * plus its bytes in memory.
 */

import { errorAt, type RecordsJsonError } from './errors.js';
import type { ScannedObject } from './json-object-scanner.js';
import { findSyntaxError } from './json-syntax.js';
import { lastMemberSpan } from './raw-member.js';
import { goFieldName } from './record-decoder.js';
import { placeWithin } from './text-places.js';

/** Objects longer than this (in characters) take the big-value path. */
const BIG_OBJECT = 1024 * 1024;

export function parseObject(found: ScannedObject): Record<string, unknown> {
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
  if (found.text.length < BIG_OBJECT) return parseObject(found);
  // Validate the whole text first so that syntax errors are reported as usual; the parse result is dropped.
  const text = found.text;
  const span = isValidJson(text) ? lastMemberSpan(text, isValueName) : undefined;
  if (!span) return parseObject(found);
  const quoted = text.slice(span.start, span.end);
  if (quoted.charCodeAt(0) !== 0x22 || quoted.includes('\\')) return parseObject(found);
  const rest: Record<string, unknown> = JSON.parse(`${text.slice(0, span.start)}""${text.slice(span.end)}`);
  rest[span.name] = quoted.slice(1, -1);
  return rest;
}

function isValueName(name: string): boolean {
  return goFieldName(name) === 'value';
}

/** A big text is checked with the engine's parser before we trust our member walk over it. */
function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function syntaxError(found: ScannedObject, parseError: unknown): RecordsJsonError {
  const problem = findSyntaxError(found.text);
  if (problem === null) {
    const detail = parseError instanceof Error ? parseError.message : String(parseError);
    return errorAt('syntax', found.start, detail);
  }
  return errorAt('syntax', placeWithin(found.text, found.start, problem.index), problem.message);
}
