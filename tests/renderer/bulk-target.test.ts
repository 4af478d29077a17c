import { describe, expect, it } from 'vitest';
import { deletedWhat, selectedTarget, targetCount } from '../../renderer/src/bulk/bulk-target.js';

describe('what a bulk action acts on', () => {
  it('"all matching" is the filter, never a list of keys, and counts as many as the filter matches', () => {
    const keys = () => {
      throw new Error('keys are not collected for all matching');
    };
    const target = selectedTarget(true, { prefix: 'user/' }, keys);
    expect(target).toEqual({ kind: 'matching', filter: { prefix: 'user/' } });
    expect(targetCount(target, 120_000)).toBe(120_000);
    expect(deletedWhat(target, 120_000)).toBe('120,000 records');
  });

  it('a selection of keys counts its keys, and one key is named in the confirmation', () => {
    const two = selectedTarget(false, {}, () => ['a', 'b']);
    expect(targetCount(two, 99)).toBe(2);
    expect(deletedWhat(two, 2)).toBe('2 records');
    const one = selectedTarget(false, {}, () => ['user/1']);
    expect(deletedWhat(one, 1)).toBe('user/1');
  });
});
