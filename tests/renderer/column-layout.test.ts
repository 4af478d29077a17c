import { describe, expect, it } from 'vitest';
import {
  columnTemplate,
  DEFAULT_LAYOUT,
  MAX_WIDTH,
  MIN_WIDTH,
  parseLayout,
  resetWidth,
  setWidth,
  toggleColumn,
  visibleColumns,
} from '../../renderer/src/grid/column-layout.js';

describe('the grid column layout', () => {
  it('hides and shows columns, but never the key', () => {
    const hidden = toggleColumn(DEFAULT_LAYOUT, 'metadata');
    expect(visibleColumns(hidden).map((column) => column.id)).toEqual(['key', 'value', 'size', 'expires', 'updated']);
    expect(toggleColumn(hidden, 'metadata').hidden).toEqual([]);
    expect(toggleColumn(DEFAULT_LAYOUT, 'key')).toBe(DEFAULT_LAYOUT);
  });

  it('sets widths within bounds, and a reset gives back the default track', () => {
    const wide = setWidth(DEFAULT_LAYOUT, 'key', 5_000);
    expect(wide.widths.key).toBe(MAX_WIDTH);
    expect(setWidth(DEFAULT_LAYOUT, 'size', -3).widths.size).toBe(MIN_WIDTH);
    expect(columnTemplate(setWidth(DEFAULT_LAYOUT, 'size', 90.4))).toContain(' 90px ');
    expect(columnTemplate(resetWidth(wide, 'key'))).toBe(columnTemplate(DEFAULT_LAYOUT));
  });

  it('keeps what is valid of a stored layout and ignores the rest', () => {
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('{not json')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('42')).toEqual(DEFAULT_LAYOUT);
    expect(
      parseLayout(JSON.stringify({ widths: { key: 300, nope: 3, size: 'wide' }, hidden: ['key', 'value', 'x'] })),
    ).toEqual({ widths: { key: 300 }, hidden: ['value'] });
  });
});
