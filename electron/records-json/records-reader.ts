/**
 * Reads records from a byte stream in any of the three formats, in batches, with memory bounded by one chunk,
 * one batch and the largest single record. The pipeline per chunk: bytes → UTF-8 text (utf8-chunks) → object
 * spans (json-object-scanner) → JSON.parse → record checks (record-decoder) or dump lines (dump-format).
 */

import { namespaceKey } from '../common/namespace-key.js';
import { checkDumpEnd, type DumpHeader, isDumpEnd, parseDumpHeader } from './dump-format.js';
import { errorAt, RecordsJsonError, recordError } from './errors.js';
import { type RecordsFormat, type RequestedFormat, scanLayoutFor, streamFormatOf } from './format-detect.js';
import { JsonObjectScanner, type ScannedObject } from './json-object-scanner.js';
import { parseRecordObject } from './parse-object.js';
import { type DecodedRecord, decodeRecord } from './record-decoder.js';
import { Utf8Chunks } from './utf8-chunks.js';

export interface RecordsReaderOptions {
  /** Default 'auto'. */
  format?: RequestedFormat;
  /** Largest single record in bytes of JSON text; default 128 MiB (a 50 MB value is 67 MB of base64). */
  maxRecordBytes?: number;
  /** Records per batch at most (a batch also closes at about 16 MiB of values); default 1000. */
  batchSize?: number;
  /** Stops reading between chunks: the read rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface RecordsReader extends AsyncIterable<DecodedRecord> {
  readonly format: RecordsFormat;
  /** Store dumps only. */
  readonly dumpHeader: DumpHeader | null;
  /** Bytes taken from the input so far: progress against the file size. */
  readonly bytesRead: number;
  /** Records decoded so far. */
  readonly recordsRead: number;
  /** The records in file order, a batch at a time (the fast way: one transaction per batch). */
  batches(): AsyncGenerator<DecodedRecord[], void, undefined>;
  /** Stops reading and releases the input (destroys a stream). Ending an iteration early does this too. */
  close(): Promise<void>;
}

export type RecordsInput = AsyncIterable<Uint8Array | string>;

const DEFAULT_MAX_RECORD_BYTES = 128 * 1024 * 1024;
const DEFAULT_BATCH_SIZE = 1000;
const BATCH_VALUE_BYTES = 16 * 1024 * 1024;

/** Opens a reader once the format is known (for a dump, once its header is read). */
export async function openRecordsReader(
  input: RecordsInput,
  options: RecordsReaderOptions = {},
): Promise<RecordsReader> {
  const reader = new StreamRecordsReader(input, options);
  try {
    await reader.start();
  } catch (error) {
    await reader.close();
    throw error;
  }
  return reader;
}

/** Reads a whole input into memory: for tests and small files only. */
export async function readAllRecords(
  input: RecordsInput,
  options: RecordsReaderOptions = {},
): Promise<DecodedRecord[]> {
  const reader = await openRecordsReader(input, options);
  const records: DecodedRecord[] = [];
  for await (const batch of reader.batches()) records.push(...batch);
  return records;
}

class StreamRecordsReader implements RecordsReader {
  bytesRead = 0;
  recordsRead = 0;
  dumpHeader: DumpHeader | null = null;

  private detected: RecordsFormat | null = null;
  private readonly requested: RequestedFormat;
  private readonly source: AsyncIterator<Uint8Array | string>;
  private readonly utf8 = new Utf8Chunks();
  private readonly scanner: JsonObjectScanner;
  private readonly batchSize: number;
  private readonly signal: AbortSignal | undefined;
  private ready: DecodedRecord[] = [];
  private readyBytes = 0;
  private ended = false;
  private closed = false;
  private dumpNamespaces = new Set<string>();
  private dumpEndSeen = false;

  constructor(input: RecordsInput, options: RecordsReaderOptions) {
    this.requested = options.format ?? 'auto';
    this.source = input[Symbol.asyncIterator]();
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.signal = options.signal;
    const maxObjectBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.scanner = new JsonObjectScanner({ layout: scanLayoutFor(this.requested), maxObjectBytes });
  }

  get format(): RecordsFormat {
    if (this.detected === null) throw new Error('the format is not known before openRecordsReader resolves');
    return this.detected;
  }

  async start(): Promise<void> {
    while (this.detected === null && !this.ended) await this.pump();
  }

  async *batches(): AsyncGenerator<DecodedRecord[], void, undefined> {
    try {
      for (;;) {
        while (!this.ended && this.ready.length < this.batchSize && this.readyBytes < BATCH_VALUE_BYTES) {
          await this.pump();
        }
        if (this.ready.length === 0) return;
        const batch = this.ready;
        this.ready = [];
        this.readyBytes = 0;
        yield batch;
      }
    } finally {
      await this.close();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<DecodedRecord, void, undefined> {
    for await (const batch of this.batches()) yield* batch;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ended = true;
    await this.source.return?.();
  }

  /** Takes one chunk from the input and decodes what it completes; at the end of input, checks the ending. */
  private async pump(): Promise<void> {
    this.signal?.throwIfAborted();
    if (this.closed) throw new Error('the records reader is closed');
    const next = await this.source.next();
    this.signal?.throwIfAborted();
    if (next.done) {
      this.ended = true;
      this.finish();
      return;
    }
    const chunk = toBuffer(next.value);
    this.bytesRead += chunk.length;
    this.consume(chunk);
  }

  private consume(chunk: Buffer): void {
    const text = this.utf8.decode(chunk);
    this.scanner.scan(text.text, text.byteStart, text.ascii);
    if (this.detected === null && this.scanner.layout === 'array') this.detected = 'array';
    const found = this.scanner.found;
    for (let i = 0; i < found.length; i++) this.handle(found[i]!);
    found.length = 0;
    if (this.scanner.failure) throw this.scanner.failure;
    if (text.invalidAt !== null)
      throw errorAt('encoding', this.scanner.placeAtEnd(), 'invalid UTF-8: the file must be UTF-8 text');
  }

  private finish(): void {
    if (this.utf8.finish() !== null) {
      throw errorAt('encoding', this.scanner.placeAtEnd(), 'the file ends in the middle of a UTF-8 character');
    }
    const problem = this.scanner.finish();
    if (problem) throw problem;
    if (!this.scanner.sawContent) throw new RecordsJsonError('empty', 'the file is empty: no records, not even []');
    if (this.detected === 'dump' && !this.dumpEndSeen) {
      const detail = `the store dump has no end line: the file is cut short after ${this.recordsRead} records`;
      throw errorAt('truncated', this.scanner.placeAtEnd(), detail);
    }
  }

  private handle(found: ScannedObject): void {
    const obj = parseRecordObject(found);
    if (this.detected === null) this.detected = streamFormatOf(obj, this.requested, found.start);
    if (this.detected === 'dump') {
      this.handleDumpLine(obj, found);
      return;
    }
    this.accept(decodeRecord(obj, found.text, { index: this.recordsRead, start: found.start }));
  }

  private handleDumpLine(obj: Record<string, unknown>, found: ScannedObject): void {
    if (this.dumpEndSeen) throw errorAt('trailing', found.start, 'data after the end line of the store dump');
    if (this.dumpHeader === null) {
      this.dumpHeader = parseDumpHeader(obj, found.start);
      for (const ns of this.dumpHeader.namespaces) this.dumpNamespaces.add(namespaceKey(ns.database, ns.table));
      return;
    }
    if (isDumpEnd(obj)) {
      checkDumpEnd(obj, this.recordsRead, found.start);
      this.dumpEndSeen = true;
      return;
    }
    const ctx = { index: this.recordsRead, start: found.start };
    const record = decodeRecord(obj, found.text, ctx, true);
    if (!this.dumpNamespaces.has(namespaceKey(record.database!, record.table!))) {
      const where = `${JSON.stringify(record.database)}/${JSON.stringify(record.table)}`;
      throw recordError(ctx, record.key, 'table', `database/table ${where} is not listed in the dump header`);
    }
    this.accept(record);
  }

  private accept(record: DecodedRecord): void {
    this.recordsRead++;
    this.ready.push(record);
    this.readyBytes += record.value.length;
  }
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
