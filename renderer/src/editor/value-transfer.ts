import type { ApiClient } from '../api/api-client.js';
import { base64ToBytes } from '../shared/base64.js';
import type { OpenTarget } from './editor-state.js';

/** One request per megabyte: each answer stays small, and progress moves as they arrive. */
const CHUNK_BYTES = 1024 * 1024;

export interface Progress {
  done: number;
  total: number;
}

/** A whole value, read in chunks. */
export async function fetchWholeValue(
  client: ApiClient,
  target: OpenTarget,
  size: number,
  onProgress: (progress: Progress) => void,
): Promise<Uint8Array> {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
    const length = Math.min(CHUNK_BYTES, size - offset);
    const chunk = await client.call('record.valueChunk', { ...target, offset, length });
    bytes.set(base64ToBytes(chunk.value), offset);
    onProgress({ done: offset + length, total: size });
  }
  return bytes;
}

/** Browser mode saves through a download; the desktop app will offer its own save dialog. */
export function downloadBytes(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName.replace(/[\\/:*?"<>|]+/g, '_') || 'value.bin';
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
