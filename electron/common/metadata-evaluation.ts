/**
 * Metadata conditions evaluated on a parsed metadata map, with the SQLite store's semantics
 * (docs/metadata-queries.md): for stores whose records are filtered in JavaScript (go-micro's files, NATS KV).
 * Shared with the page, so no imports beyond common.
 */
import {
  compileRegex,
  conditionOf,
  containsNeedle,
  type MetadataCondition,
  type MetadataMatch,
  typedJsonTexts,
} from './metadata-query.js';
import { isPlainObject } from './plain-object.js';

/** Metadata conditions as the SQLite store evaluates them (docs/metadata-queries.md). */
export function metadataTest(matches: MetadataMatch[]) {
  const tests = matches.map((match) => conditionTest(conditionOf(match)));
  return (metadata: Record<string, unknown>) => tests.every((test) => test(metadata));
}

const ABSENT = Symbol('absent');

/** The value at a path through objects (never into arrays), or ABSENT. */
function valueAt(metadata: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = metadata;
  for (const segment of path) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return ABSENT;
    current = current[segment];
  }
  return current;
}

type MetadataTest = (metadata: Record<string, unknown>) => boolean;

function conditionTest({ path, op, value = '' }: MetadataCondition): MetadataTest {
  const at = (metadata: Record<string, unknown>) => valueAt(metadata, path);
  switch (op) {
    case 'exists':
      return (metadata) => at(metadata) !== ABSENT;
    case 'missing':
      return (metadata) => at(metadata) === ABSENT;
    case 'eq':
    case 'ne': {
      // The field's JSON text against the typed value read as JSON and as a string: typed 3 finds the
      // number 3 and the string "3", typed "3" only the string.
      const texts = new Set(typedJsonTexts(value));
      const equal = (found: unknown) => found !== ABSENT && texts.has(JSON.stringify(found));
      return op === 'eq' ? (metadata) => equal(at(metadata)) : (metadata) => !equal(at(metadata));
    }
    case 'contains': {
      const needle = containsNeedle(value);
      return (metadata) => {
        const found = at(metadata);
        return typeof found === 'string' && found.includes(needle);
      };
    }
    case 'regex': {
      const pattern = compileRegex(value);
      if (typeof pattern === 'string') throw new Error(pattern);
      return (metadata) => {
        const found = at(metadata);
        return typeof found === 'string' && pattern.test(found);
      };
    }
    default: {
      const limit = Number(value);
      const holds = COMPARE[op];
      return (metadata) => {
        const found = at(metadata);
        return typeof found === 'number' && holds(found, limit);
      };
    }
  }
}

const COMPARE = {
  lt: (a: number, b: number) => a < b,
  le: (a: number, b: number) => a <= b,
  gt: (a: number, b: number) => a > b,
  ge: (a: number, b: number) => a >= b,
} as const;
