import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT } from '../../renderer/src/filters/filter-draft.js';
import { DEFAULT_VIEW, decodeView, encodeView } from '../../renderer/src/filters/view-state.js';

describe('a view as text', () => {
  it('round-trips the table, every filter and the order, writing only what is not a default', () => {
    const view = {
      namespace: { database: 'shop', table: 'orders & co' },
      draft: {
        ...EMPTY_DRAFT,
        prefix: 'a/#b',
        contains: 'x=y',
        suffix: '?',
        metadata: 'k=v, t=w',
        expiry: 'expiring' as const,
        within: '10m',
      },
      order: 'desc' as const,
      sort: 'expiry' as const,
    };
    expect(decodeView(`#${encodeView(view)}`)).toEqual({ view, problems: [] });
    expect(encodeView({ ...DEFAULT_VIEW, sort: 'size' })).toBe('sort=size');
    expect(decodeView('sort=length').problems).toEqual(['sort=length']);
    expect(encodeView(DEFAULT_VIEW)).toBe('');
    expect(encodeView({ ...DEFAULT_VIEW, draft: { ...EMPTY_DRAFT, within: '1h' } })).toBe('');
  });

  it('leaves out and names what is not valid', () => {
    const { view, problems } = decodeView('order=up&expiry=soon&prefix=u%2F&db=only&token=abc');
    expect(view).toEqual({ ...DEFAULT_VIEW, draft: { ...EMPTY_DRAFT, prefix: 'u/' } });
    expect(problems).toEqual(['order=up', 'expiry=soon', 'token', 'a table needs both db and table']);
    expect(decodeView(`prefix=${'x'.repeat(5000)}`).problems).toEqual(['prefix is too long']);
    expect(decodeView('%E0%A4%A').view).toEqual(DEFAULT_VIEW);
  });
});
