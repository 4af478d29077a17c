import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Why this process cannot write a store file (or create it), or undefined when it can. SQLite needs
 * the file and, for its `-wal` and `-shm` files, the folder: unless both already exist and are writable,
 * a folder we cannot write leaves the store readable only. Asked before opening, because SQLite itself
 * opens such a file "for writing" and fails at the first write ("attempt to write a readonly database").
 */
export function readOnlyReasonFor(path: string): string | undefined {
  if (existsSync(path)) {
    const problem = writeProblem(path, constants.W_OK);
    if (problem !== undefined) return problem;
  }
  const folder = dirname(path);
  const folderProblem = writeProblem(folder, constants.W_OK | constants.X_OK);
  if (folderProblem === undefined || companionsWritable(path)) return undefined;
  return `${folderProblem} (SQLite keeps its -wal and -shm files beside the store)`;
}

function companionsWritable(path: string): boolean {
  return [`${path}-wal`, `${path}-shm`].every((file) => existsSync(file) && !writeProblem(file, constants.W_OK));
}

function writeProblem(path: string, mode: number): string | undefined {
  try {
    accessSync(path, mode);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return `${path} is on a read-only file system`;
    if (code === 'EACCES' || code === 'EPERM') return `you do not have permission to write ${path}`;
    if (code === 'ENOENT') return `${path} does not exist`;
    return `${path} cannot be written (${code ?? 'unknown error'})`;
  }
}
