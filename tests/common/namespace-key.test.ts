/** One database/table pair, one map key: no two pairs share one, whatever the names hold. */
import { describe, expect, it } from 'vitest';
import { namespaceKey } from '../../electron/common/namespace-key.js';

describe('namespaceKey', () => {
  it('tells apart pairs whose names join to the same text', () => {
    const pairs = [
      ['a/b', 'c'],
      ['a', 'b/c'],
      ['a\u0000b', 'c'],
      ['a', 'b\u0000c'],
      ['1:a', 'b'],
      ['1', ':ab'],
      ['', 'ab'],
      ['ab', ''],
    ] as const;
    const keys = new Set(pairs.map(([database, table]) => namespaceKey(database, table)));
    expect(keys.size).toBe(pairs.length);
  });

  it('gives the same key for the same pair', () => {
    expect(namespaceKey('micro', 'users')).toBe(namespaceKey('micro', 'users'));
  });
});
