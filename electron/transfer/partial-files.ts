import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** `.export.json.partial-<pid>-<ms>` (hidden, current) and `export.json.partial-<pid>-<ms>` (older releases). */
const PARTIAL = /^\.?.+\.partial-(\d+)-(\d+)$/;

/**
 * Removes the temporary files of writes whose process is gone (killed, or the machine lost power): a
 * crash cannot run the cleanup in writeFileAtomically, so the next write into the folder does it. Only
 * our own names are touched, and never one whose process still runs (it may be writing right now).
 */
export function removeStalePartials(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(PARTIAL.exec(name)?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && !isRunning(pid)) rmSync(join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
