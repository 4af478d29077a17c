import { describe, expect, it } from 'vitest';
import { rowView } from '../../renderer/src/grid/row-view.js';

const record = (updatedAt: number) => ({
  key: 'a',
  size: 1,
  preview: 'YQ==',
  metadata: {},
  expiresAt: null,
  expired: false,
  updatedAt,
  revision: '1',
});

describe("a grid row's Updated cell", () => {
  it('shows a dash, not 1970-01-01, where the store keeps no write time (updatedAt 0)', () => {
    expect(rowView(record(0))).toMatchObject({ updated: '—', updatedTitle: 'This store keeps no write time' });
  });

  it('shows the date of a known write', () => {
    expect(rowView(record(Date.UTC(2024, 5, 15, 12))).updated).toBe('2024-06-15');
  });
});
