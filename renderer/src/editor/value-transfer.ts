import { MAX_VALUE_BYTES } from '../../../electron/common/record-limits.js';
import type { ApiClient } from '../api/api-client.js';
import { base64ToBytes } from '../ui/base64.js';
import type { OpenTarget, RecordFields } from './editor-state.js';

const MB = 1024 * 1024;

/**
 * One request per megabyte, or per eighth of a value over 8 MB (at most 8 MB): each answer stays small
 * enough to decode in one short task and progress moves, but a 50 MB value is not 50 requests: the
 * store reads a chunk at an offset by walking the value from its start, so many small chunks of a
 * large value cost reads that grow with the square of its size.
 */
export function chunkBytes(size: number): number {
  return Math.min(8 * MB, Math.max(MB, Math.ceil(size / 8 / MB) * MB));
}

export interface Progress {
  done: number;
  total: number;
}

/**
 * Requests in flight at once: a request's time is mostly waiting (the store's thread, the transport),
 * so a few overlap well; each answer is still decoded in a task of its own.
 */
const IN_FLIGHT = 3;

/** The most one `record.getBytes` answers: the largest value a store takes (its maxBytes bound). */
const WHOLE_READ_BYTES = MAX_VALUE_BYTES;

/** A whole value, with the record it was read with. */
export interface WholeValue {
  detail: RecordFields;
  bytes: Uint8Array;
}

/**
 * A whole value: as bytes in one `record.getBytes` (no base64, no JSON), since the store reads a value once per
 * request whatever part of it is asked for (docs/editing.md, "Large values"); a larger one (another backend's)
 * in base64 chunks, a few at a time. The answer's revision, metadata and expiry were read with its bytes, so a
 * save after it is checked against them; chunks carry none, so the record as opened stands for them.
 */
export async function fetchWholeValue(
  client: ApiClient,
  target: OpenTarget,
  opened: RecordFields,
  onProgress: (progress: Progress) => void,
): Promise<WholeValue> {
  const { size } = opened;
  if (size <= WHOLE_READ_BYTES) {
    onProgress({ done: 0, total: size });
    const { value, ...detail } = await client.call('record.getBytes', { ...target, maxBytes: WHOLE_READ_BYTES });
    onProgress({ done: value.length, total: size });
    // Grown past the bound since it was opened: read in chunks below, like any larger value.
    if (detail.complete) return { detail, bytes: value };
  }
  const bytes = new Uint8Array(size);
  const chunk = chunkBytes(size);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let offset = next; offset < size; offset = next) {
      next += chunk;
      const length = Math.min(chunk, size - offset);
      const answer = await client.call('record.valueChunk', { ...target, offset, length });
      bytes.set(base64ToBytes(answer.value), offset);
      done += length;
      onProgress({ done, total: size });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { detail: { ...opened, complete: true }, bytes };
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
