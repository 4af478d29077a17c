import { describe, expect, it } from 'vitest';
import { squarify } from '../../renderer/src/analysis/squarify.js';

describe('the treemap layout', () => {
  const items = [6, 6, 4, 3, 2, 2, 1].map((weight, index) => ({ name: `p${index}`, weight }));
  const tiles = squarify(items, (item) => item.weight, 600, 400);

  it('gives each part an area in proportion to its weight, filling the whole area', () => {
    const scale = (600 * 400) / 24;
    for (const tile of tiles) expect(tile.width * tile.height).toBeCloseTo(tile.item.weight * scale, 6);
    expect(tiles.reduce((sum, tile) => sum + tile.width * tile.height, 0)).toBeCloseTo(600 * 400, 6);
  });

  it('keeps every tile inside the area and no two overlapping', () => {
    for (const tile of tiles) {
      expect(tile.x).toBeGreaterThanOrEqual(-1e-9);
      expect(tile.y).toBeGreaterThanOrEqual(-1e-9);
      expect(tile.x + tile.width).toBeLessThanOrEqual(600 + 1e-9);
      expect(tile.y + tile.height).toBeLessThanOrEqual(400 + 1e-9);
    }
    for (const [i, a] of tiles.entries())
      for (const b of tiles.slice(i + 1)) {
        const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        expect(overlapX <= 1e-9 || overlapY <= 1e-9).toBe(true);
      }
  });

  it('keeps tiles close to square (the point of squarifying)', () => {
    const worst = Math.max(...tiles.map((tile) => Math.max(tile.width / tile.height, tile.height / tile.width)));
    expect(worst).toBeLessThan(3);
  });

  it('leaves out parts of weight 0 and draws nothing for nothing', () => {
    expect(squarify([{ weight: 0 }, { weight: 2 }], (item) => item.weight, 10, 10)).toHaveLength(1);
    expect(squarify([], () => 1, 10, 10)).toEqual([]);
  });
});
