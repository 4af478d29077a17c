import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';

/**
 * Writes a file through a temporary one renamed into place at the end, so a failed or cancelled
 * write leaves no file behind: not half a file, not an empty one, not an open descriptor.
 */
export async function writeFileAtomically<T>(path: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const temporary = `${path}.partial-${process.pid}-${Date.now()}`;
  const out = createWriteStream(temporary);
  const closed = once(out, 'close').catch(() => undefined);
  try {
    const result = await write(out);
    if (!out.writableFinished) out.end();
    await closed;
    renameSync(temporary, path);
    return result;
  } catch (error) {
    // The stream may still be opening: destroy it, wait until its descriptor is closed, then remove.
    out.destroy();
    await closed;
    rmSync(temporary, { force: true });
    throw error;
  }
}
