import { describe, expect, it } from 'vitest';
import { SEARCH_HIT_LIMIT as HIT_COUNT_LIMIT } from '../../electron/api/contract/search-schemas.js';
import { EMPTY_DRAFT, isFiltering, toFilter } from '../../renderer/src/filters/filter-draft.js';
import { DEFAULT_VIEW, decodeView, encodeView } from '../../renderer/src/filters/view-state.js';
import { highlightPattern } from '../../renderer/src/search/highlight-pattern.js';
import { countText } from '../../renderer/src/search/store-search-hits.js';

describe('the Value contains filter in the renderer', () => {
  it('sends valueContains, with valueCase only when Exact case is off', () => {
    expect(toFilter({ ...EMPTY_DRAFT, value: 'Order' }).filter).toEqual({ valueContains: 'Order' });
    expect(toFilter({ ...EMPTY_DRAFT, value: 'Order', valueMatchCase: false }).filter).toEqual({
      valueContains: 'Order',
      valueCase: 'insensitive',
    });
    expect(toFilter({ ...EMPTY_DRAFT, valueMatchCase: false }).filter).toEqual({});
    expect(isFiltering({ ...EMPTY_DRAFT, value: 'x' })).toBe(true);
  });

  it('keeps the value text and its case mode in the view address', () => {
    const view = { ...DEFAULT_VIEW, draft: { ...EMPTY_DRAFT, value: 'a&b "c"', valueMatchCase: false } };
    const text = encodeView(view);
    expect(text).toContain('valuecase=insensitive');
    expect(decodeView(text)).toEqual({ view, problems: [] });
    expect(decodeView('value=x').view.draft).toMatchObject({ value: 'x', valueMatchCase: true });
  });
});

describe('the value editor highlight', () => {
  it('matches what the filter matches: ASCII letters in either case only when case is ignored', () => {
    const folded = highlightPattern({ text: 'Éa.b', matchCase: false });
    expect('xÉA.B éa.b Éaxb'.match(folded)).toEqual(['ÉA.B']);
    const exact = highlightPattern({ text: 'a(b', matchCase: true });
    expect('A(B a(b'.match(exact)).toEqual(['a(b']);
  });

  it('shows capped counts as "1,000+"', () => {
    expect(countText(HIT_COUNT_LIMIT)).toBe('1,000+');
    expect(countText(12)).toBe('12');
  });
});
