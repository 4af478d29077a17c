import { statSync } from 'node:fs';

/** Bytes of a store file plus its write-ahead log (0 for a part that does not exist). */
export function fileBytes(path: string): number {
  return sizeOf(path) + sizeOf(`${path}-wal`);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
