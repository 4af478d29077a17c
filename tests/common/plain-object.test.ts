/** What every layer accepts as a JSON object: what JSON.parse makes, not anything JSON would flatten. */
import { describe, expect, it } from 'vitest';
import { isPlainObject } from '../../electron/common/plain-object.js';

describe('isPlainObject', () => {
  it('accepts object literals, parsed JSON objects and prototype-less objects', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(JSON.parse('{"a":{"__proto__":1}}'))).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
  });

  it('refuses arrays, null, scalars and class instances', () => {
    for (const value of [[], null, undefined, 'x', 1, true, new Date(0), new Map(), new (class Point {})()]) {
      expect(isPlainObject(value)).toBe(false);
    }
  });
});
