/** A rectangle of the treemap, in the units of the area it was laid out in. */
export interface Tile<T> {
  item: T;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Squarified treemap (Bruls, Huizing, van Wijk): items, biggest first, fill rows along the shorter side, a row
 * growing while that keeps its tiles closer to square. Items of weight 0 get no tile.
 */
export function squarify<T>(
  items: readonly T[],
  weight: (item: T) => number,
  width: number,
  height: number,
): Tile<T>[] {
  const weighed = items.map((item) => ({ item, w: weight(item) })).filter((entry) => entry.w > 0);
  weighed.sort((a, b) => b.w - a.w);
  const total = weighed.reduce((sum, entry) => sum + entry.w, 0);
  if (total === 0 || width <= 0 || height <= 0) return [];
  const scale = (width * height) / total;
  const tiles: Tile<T>[] = [];
  let box = { x: 0, y: 0, width, height };
  let row: { item: T; area: number }[] = [];
  for (const entry of weighed) {
    const next = { item: entry.item, area: entry.w * scale };
    const side = Math.min(box.width, box.height);
    if (row.length === 0 || worst([...row, next], side) <= worst(row, side)) {
      row.push(next);
      continue;
    }
    box = layRow(row, box, tiles);
    row = [next];
  }
  if (row.length > 0) layRow(row, box, tiles);
  return tiles;
}

/** The worst aspect ratio in a row laid along a side of this length. */
function worst(row: { area: number }[], side: number): number {
  const sum = row.reduce((total, entry) => total + entry.area, 0);
  const areas = row.map((entry) => entry.area);
  const max = Math.max(...areas);
  const min = Math.min(...areas);
  return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
}

type Box = { x: number; y: number; width: number; height: number };

/** Places a row along the box's shorter side; returns the box left beside it. */
function layRow<T>(row: { item: T; area: number }[], box: Box, tiles: Tile<T>[]): Box {
  const sum = row.reduce((total, entry) => total + entry.area, 0);
  if (box.width >= box.height) {
    const thickness = sum / box.height;
    let y = box.y;
    for (const entry of row) {
      const length = entry.area / thickness;
      tiles.push({ item: entry.item, x: box.x, y, width: thickness, height: length });
      y += length;
    }
    return { x: box.x + thickness, y: box.y, width: box.width - thickness, height: box.height };
  }
  const thickness = sum / box.width;
  let x = box.x;
  for (const entry of row) {
    const length = entry.area / thickness;
    tiles.push({ item: entry.item, x, y: box.y, width: length, height: thickness });
    x += length;
  }
  return { x: box.x, y: box.y + thickness, width: box.width, height: box.height - thickness };
}
