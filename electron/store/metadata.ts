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
  assertJson(metadata, 'metadata', new Set());
  const text = JSON.stringify(metadata);
  return text === '{}' ? null : text;
}

export function decodeMetadata(text: string | null): Record<string, unknown> {
  return text === null ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function assertJson(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw reject(path, `${value} is not a finite number`);
      return;
    case 'object':
      if (value === null) return;
      assertContainer(value, path, ancestors);
      return;
    default:
      throw reject(path, `${describeValue(value)} cannot be stored as JSON`);
  }
}

function assertContainer(value: object, path: string, ancestors: Set<object>): void {
  if (ancestors.has(value)) throw reject(path, 'a cycle (an object that contains itself) cannot be stored as JSON');
  ancestors.add(value);
  if (Array.isArray(value)) assertArray(value, path, ancestors);
  else if (isPlainObject(value)) assertObject(value, path, ancestors);
  else throw reject(path, `${describeValue(value)} is not plain JSON (use a string, number, array or object)`);
  ancestors.delete(value);
}

function assertArray(items: unknown[], path: string, ancestors: Set<object>): void {
  for (let index = 0; index < items.length; index++) {
    const itemPath = `${path}[${index}]`;
    if (!(index in items)) throw reject(itemPath, 'a hole in an array cannot be stored as JSON');
    if (items[index] === undefined) throw reject(itemPath, 'undefined cannot be stored inside a JSON array');
    assertJson(items[index], itemPath, ancestors);
  }
}

function assertObject(object: object, path: string, ancestors: Set<object>): void {
  for (const [name, child] of Object.entries(object)) {
    if (child !== undefined) assertJson(child, `${path}.${name}`, ancestors);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `a ${value.constructor?.name ?? 'non-plain'} object`;
  if (typeof value === 'bigint') return 'a BigInt';
  return `a ${typeof value}`;
}

function reject(path: string, problem: string): StoreInputError {
  return new StoreInputError(`${path}: ${problem}; nothing was written`);
}
