import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CommandError, UsageError } from './cli-context.js';

/** Where `write` takes the value from: the words after the key, or a file (`-`: standard input). */
export interface ValueSource {
  words: string[];
  file: string | undefined;
  base64: boolean;
  stdin: Readable;
}

/** The value's bytes: words joined by single spaces (as `micro store write` does), or a file's bytes as they are. */
export async function readValue({ words, file, base64, stdin }: ValueSource): Promise<Uint8Array> {
  if (file !== undefined && words.length > 0) {
    throw new UsageError('give the value as words or with --value-file, not both');
  }
  if (file === undefined && words.length === 0)
    throw new UsageError('expected a VALUE after the KEY (or --value-file)');
  const raw = file === undefined ? Buffer.from(words.join(' '), 'utf8') : await readValueFile(file, stdin);
  return base64 ? decodeBase64(raw.toString('latin1')) : raw;
}

async function readValueFile(file: string, stdin: Readable): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (error) {
    throw new CommandError('missing-file', `cannot read --value-file ${file}: ${readFailure(error)}`);
  }
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 (Go's base64.StdEncoding), padded; whitespace and line breaks are ignored. */
function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact)) {
    throw new UsageError('--base64: the value is not valid base64 (standard alphabet A-Z a-z 0-9 + /, padded with =)');
  }
  return Buffer.from(compact, 'base64');
}
