import { isPlainObject } from '../common/plain-object.js';
import { depthProblem } from '../common/record-limits.js';
import { StoreInputError } from './types.js';

/**
 * Metadata is stored as JSON text. Only values that survive a JSON round trip unchanged are
 * accepted, so what a read returns is what was written (docs/store-semantics.md §8). Properties whose value
 * is `undefined` are dropped, as JSON.stringify does.
 */
export function encodeMetadata(metadata: unknown): string | null {
  if (metadata === undefined || metadata === null) return null;
  if (!isPlainObject(metadata))
    throw new StoreInputError(`metadata must be a plain object, got ${describeValue(metadata)}`);
  if (!isFlatJson(metadata)) assertJson(metadata);
  const text = JSON.stringify(metadata);
  return text === '{}' ? null : text;
}

export function decodeMetadata(text: string | null): Record<string, unknown> {
  return text === null ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * The common case, checked without allocating: an object whose values are all strings, booleans,
 * null, finite numbers or undefined (dropped) survives a JSON round trip as it is. Anything else
 * (a nested value, a number JSON cannot hold) takes the full walk, which names the problem.
 */
function isFlatJson(metadata: Record<string, unknown>): boolean {
  for (const name in metadata) {
    if (!Object.hasOwn(metadata, name)) continue;
    const value = metadata[name];
    const type = typeof value;
    if (
      type === 'number'
        ? !Number.isFinite(value)
        : type !== 'string' && type !== 'boolean' && type !== 'undefined' && value !== null
    ) {
      return false;
    }
  }
  return true;
}

/** A value still to check: where it is (for the message) and how deep it sits (the metadata object is 1). */
interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

/**
 * Walks the metadata without recursion, so metadata nested 10,000 deep is refused with a message
 * instead of overflowing the stack. A cycle is always deeper than any depth limit, so the limit
 * also catches it; the message says which it was.
 */
function assertJson(root: object): void {
  const pending: Pending[] = [{ value: root, path: 'metadata', depth: 1 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, path, depth } = item;
    if (!isContainer(value, path)) continue;
    const tooDeep = depthProblem(depth);
    if (tooDeep !== undefined) throw reject(path, hasCycle(root) ? CYCLE : `metadata ${tooDeep}`);
    for (const child of childrenOf(value, path)) pending.push({ ...child, depth: depth + 1 });
  }
}

const CYCLE = 'a cycle (an object that contains itself) cannot be stored as JSON';

/** Checks a scalar (throwing when JSON cannot hold it); true for arrays and objects, whose children follow. */
function isContainer(value: unknown, path: string): value is object {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return false;
    case 'number':
      if (!Number.isFinite(value)) throw reject(path, `${value} is not a finite number`);
      return false;
    case 'object':
      if (value === null) return false;
      if (Array.isArray(value) || isPlainObject(value)) return true;
      throw reject(path, `${describeValue(value)} is not plain JSON (use a string, number, array or object)`);
    default:
      throw reject(path, `${describeValue(value)} cannot be stored as JSON`);
  }
}

function childrenOf(value: object, path: string): { value: unknown; path: string }[] {
  if (!Array.isArray(value)) {
    return Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([name, child]) => ({ value: child, path: `${path}.${name}` }));
  }
  const items: unknown[] = value;
  return Array.from({ length: items.length }, (_, index) => {
    const itemPath = `${path}[${index}]`;
    if (!(index in items)) throw reject(itemPath, 'a hole in an array cannot be stored as JSON');
    if (items[index] === undefined) throw reject(itemPath, 'undefined cannot be stored inside a JSON array');
    return { value: items[index], path: itemPath };
  });
}

/** Only asked once the depth limit is hit, to name the cause: a cycle, or real depth. */
function hasCycle(root: object): boolean {
  const onPath = new Set<object>();
  const stack: { value: object; leaving: boolean }[] = [{ value: root, leaving: false }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.leaving) {
      onPath.delete(item.value);
      continue;
    }
    if (onPath.has(item.value)) return true;
    onPath.add(item.value);
    stack.push({ value: item.value, leaving: true });
    for (const child of Object.values(item.value)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, leaving: false });
    }
  }
  return false;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `a ${value.constructor?.name ?? 'non-plain'} object`;
  if (typeof value === 'bigint') return 'a BigInt';
  return `a ${typeof value}`;
}

const PATH_SHOWN = 120;

function reject(path: string, problem: string): StoreInputError {
  const shown = path.length > PATH_SHOWN ? `${path.slice(0, PATH_SHOWN)}…` : path;
  return new StoreInputError(`${shown}: ${problem}; nothing was written`);
}
