import { open } from 'node:fs/promises';
import type { BackendReading } from '../backends/backend.js';
import type { Namespace } from '../store/namespaces.js';

const CHUNK_BYTES = 4 * 1024 * 1024;

/** Writes a record's whole value to a file, a chunk at a time, so a huge value never sits in memory twice. */
export async function saveValueToFile(
  store: Pick<BackendReading, 'inspect' | 'readValue'>,
  namespace: Namespace,
  key: string,
  path: string,
) {
  // Asking first means a missing record never truncates the file the user picked.
  await store.inspect(namespace, key, 0);
  const file = await open(path, 'w');
  let offset = 0;
  try {
    for (;;) {
      const chunk = await store.readValue(namespace, key, offset, CHUNK_BYTES);
      if (chunk.byteLength === 0) break;
      await file.write(chunk);
      offset += chunk.byteLength;
      if (chunk.byteLength < CHUNK_BYTES) break;
    }
  } finally {
    await file.close();
  }
  return offset;
}

/** A file name from the last part of a key, with what file systems refuse replaced. */
export function suggestedFileName(key: string): string {
  const last = key.split(/[/:]/).filter(Boolean).at(-1) ?? 'value';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what file names cannot hold.
  const safe = last.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120);
  return safe === '' || safe === '.' || safe === '..' ? 'value' : safe;
}
