import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A fresh empty directory under the system temp dir. The caller removes it (see `removeDir`). */
export function makeTempDir(prefix = 'si-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh temp directory removed when the current test finishes. Call inside a test only. */
export function tempDirForTest(): string {
  const dir = makeTempDir();
  onTestFinished(() => removeDir(dir));
  return dir;
}

/** sha256 of a file's bytes, hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The names in a directory, sorted, to show that nothing was created or left behind. */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}
