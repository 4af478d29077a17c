import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, invalidFilterReason, toFilter } from '../../renderer/src/filters/filter-draft.js';

describe('a filter with a field that does not parse', () => {
  it('names the broken Metadata field, whose condition the grid filter leaves out', () => {
    const draft = { ...EMPTY_DRAFT, prefix: 'bulk/', metadata: 'g>x' };
    expect(toFilter(draft).filter).toEqual({ prefix: 'bulk/' });
    expect(invalidFilterReason(draft)).toMatch(/^The Metadata filter does not parse: At character/);
  });

  it('names a Within that is not a duration', () => {
    expect(invalidFilterReason({ ...EMPTY_DRAFT, expiry: 'expiring', within: 'soon' })).toContain('"soon"');
  });

  it('says nothing when every field parses (or is empty)', () => {
    expect(invalidFilterReason(EMPTY_DRAFT)).toBeUndefined();
    expect(invalidFilterReason({ ...EMPTY_DRAFT, metadata: 'g>3', expiry: 'expiring', within: '5m' })).toBeUndefined();
  });
});
