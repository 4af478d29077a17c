/** A sorted array with each key once, in place: a key listing may hear a key twice (SCAN, base32 decoding). */
export function uniqueSorted(sorted: string[]): string[] {
  let kept = 0;
  for (let index = 0; index < sorted.length; index++) {
    if (kept === 0 || sorted[index] !== sorted[kept - 1]) sorted[kept++] = sorted[index] as string;
  }
  sorted.length = kept;
  return sorted;
}
