/**
 * Metadata arrives as a JSON object. It is checked where it stands, never copied key by key: a copy
 * made by assignment would turn an own `__proto__` key (which JSON.parse and structuredClone keep as
 * data) into a prototype change. Nesting is bounded, and checked without recursion, so a deeply
 * nested payload is refused with a message instead of overflowing the stack.
 */
import { isPlainObject } from '../../common/plain-object.js';
import { MAX_METADATA_DEPTH } from '../../common/record-limits.js';

export const MAX_JSON_DEPTH = MAX_METADATA_DEPTH;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function jsonObjectProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'must be a JSON object';
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const problem = scalarProblem(item.value);
    if (problem !== undefined) return problem;
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_JSON_DEPTH) return `is nested deeper than ${MAX_JSON_DEPTH} levels`;
    for (const child of Object.values(item.value)) pending.push({ value: child, depth: item.depth + 1 });
  }
  return undefined;
}

function scalarProblem(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `holds ${value}, which JSON cannot carry`;
    case 'object':
      return value === null || Array.isArray(value) || isPlainObject(value) ? undefined : 'holds a non-plain object';
    default:
      return `holds a ${typeof value}, which JSON cannot carry`;
  }
}
