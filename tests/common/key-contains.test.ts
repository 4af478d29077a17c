import { describe, expect, it } from 'vitest';
import { keyContainsTest } from '../../electron/common/key-contains.js';

describe('key contains, as NATS and Redis filter keys in JavaScript', () => {
  it('matches exactly by default and ignores ASCII case only when asked', () => {
    expect(keyContainsTest('Alice', undefined)('user/alice')).toBe(false);
    expect(keyContainsTest('Alice', 'sensitive')('user/Alice')).toBe(true);
    expect(keyContainsTest('Alice', 'insensitive')('user/ALICE/1')).toBe(true);
  });

  it('folds ASCII letters only, as SQLite lower() does, so every backend finds the same keys', () => {
    expect(keyContainsTest('école', 'insensitive')('ÉCOLE')).toBe(false);
    expect(keyContainsTest('école', 'insensitive')('ÉCOLE'.replace('É', 'é'))).toBe(true);
  });

  it('an empty needle keeps every key', () => {
    expect(keyContainsTest('', 'insensitive')('')).toBe(true);
  });
});
