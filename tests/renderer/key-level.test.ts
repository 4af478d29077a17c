import { describe, expect, it } from 'vitest';
import { branchOf, narrowToPrefix } from '../../renderer/src/filters/key-level.js';

describe('the key tree levels', () => {
  it('splits keys by a delimiter of any length', () => {
    expect(branchOf('cache::eu::1', '', '::')).toBe('cache::');
    expect(branchOf('cache::eu::1', 'cache::', '::')).toBe('cache::eu::');
    expect(branchOf('cache::us', 'cache::', '::')).toBeUndefined();
    expect(branchOf('a.b.c', 'a.', '.')).toBe('a.b.');
    expect(branchOf('a/b', '', '')).toBeUndefined();
  });

  it("narrows the grid's filter to a branch: the longer prefix wins, disjoint prefixes match nothing", () => {
    const filter = { prefix: 'user/', contains: 'x' };
    expect(narrowToPrefix(filter, 'user/2/')).toEqual({ prefix: 'user/2/', contains: 'x' });
    expect(narrowToPrefix(filter, '')).toEqual(filter);
    expect(narrowToPrefix(filter, 'order/')).toBeUndefined();
    expect(narrowToPrefix({}, 'a/')).toEqual({ prefix: 'a/' });
  });
});
