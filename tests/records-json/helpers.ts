import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
  type DecodedRecord,
  openRecordsReader,
  type RecordsJsonError,
  type RecordsReaderOptions,
  readAllRecords,
} from '../../electron/records-json/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/records-json/', import.meta.url));

export function fixture(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}`);
}

/** The bytes as a stream of chunks of `size` bytes (the whole at once when size is 0). */
export function chunked(data: Uint8Array | string, size = 0): Readable {
  const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
  const chunks: Buffer[] = [];
  if (size === 0) chunks.push(bytes);
  else for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: false });
}

export function read(
  data: Uint8Array | string,
  options: RecordsReaderOptions = {},
  size = 0,
): Promise<DecodedRecord[]> {
  return readAllRecords(chunked(data, size), options);
}

/** A record as plain data, easy to compare and to print. */
export interface Plain {
  index: number;
  key: string;
  value: string;
  metadata: Record<string, unknown>;
  expiryNs: bigint | null;
  database?: string;
  table?: string;
}

export function plain(record: DecodedRecord): Plain {
  const out: Plain = {
    index: record.index,
    key: record.key,
    value: record.value.toString('hex'),
    metadata: record.metadata,
    expiryNs: record.expiryNs,
  };
  if (record.database !== undefined) out.database = record.database;
  if (record.table !== undefined) out.table = record.table;
  return out;
}

export async function readPlain(
  data: Uint8Array | string,
  options: RecordsReaderOptions = {},
  size = 0,
): Promise<Plain[]> {
  return (await read(data, options, size)).map(plain);
}

/** Reads, expects a RecordsJsonError, and returns it. */
export async function readError(
  data: Uint8Array | string,
  options: RecordsReaderOptions = {},
  size = 0,
): Promise<RecordsJsonError> {
  try {
    const reader = await openRecordsReader(chunked(data, size), options);
    for await (const _ of reader.batches()) {
      // drain
    }
  } catch (error) {
    expect((error as Error).name).toBe('RecordsJsonError');
    return error as RecordsJsonError;
  }
  throw new Error('expected the read to fail');
}

export function hex(text: string): string {
  return Buffer.from(text).toString('hex');
}
