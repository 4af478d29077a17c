import { describe, expect, it } from 'vitest';
import { tableCountLabel } from '../../renderer/src/sidebar/table-count-label.js';

describe('a table count in the sidebar', () => {
  it('shows an estimate as ~N even where counts are otherwise exact (a NATS bucket still being listed)', () => {
    const label = tableCountLabel(1_000_000, true, false);
    expect(label.text).toBe('~1,000,000');
    expect(label.title).toMatch(/^about 1,000,000: the server's estimate/);
  });

  it('shows an exact count as it is, and every count as ~N where counts are not kept live', () => {
    expect(tableCountLabel(1_234, undefined, false)).toEqual({ text: '1,234', title: undefined });
    expect(tableCountLabel(1_234, false, true)).toEqual({
      text: '~1,234',
      title: 'counted when listed; not kept live on this store',
    });
  });
});
