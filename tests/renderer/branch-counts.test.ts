import { describe, expect, it } from 'vitest';
import { countsByBranch } from '../../renderer/src/filters/branch-counts.js';

describe('the key tree counts a level in one answer', () => {
  it('matches the answer to the branches it was asked for', () => {
    expect([...countsByBranch(['a/', 'b/'], [3, 0])]).toEqual([
      ['a/', 3],
      ['b/', 0],
    ]);
  });

  it('shows no count until there is an answer for these branches', () => {
    expect(countsByBranch(['a/'], undefined).size).toBe(0);
    expect(countsByBranch(undefined, [1]).size).toBe(0);
    expect(countsByBranch(['a/', 'b/'], [1]).size).toBe(0);
  });
});
