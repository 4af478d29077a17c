/**
 * Streams records to a Writable in one of the three formats, byte-for-byte as Go would write them:
 *
 * - 'array': what json.Marshal([]*store.Record) returns: `[` records joined by `,` `]`, no newline after.
 * - 'lines': what a json.Encoder writes in a loop: each record followed by `\n`.
 * - 'dump':  header line, one line per record with its database and table, end line (dump-format.ts).
 *
 * Encoded text is gathered into chunks of about 64 KiB before it reaches the stream, and `write` waits for
 * 'drain' when the stream asks for it, so memory stays at one chunk plus one record as long as the caller
 * awaits each write.
 */

import type { Writable } from 'node:stream';
import { namespaceKey } from '../common/namespace-key.js';
import { type DumpNamespace, dumpEndLine, dumpHeaderLine } from './dump-format.js';
import type { RecordsFormat } from './format-detect.js';
import { type DumpRecordToWrite, encodeGoDumpRecord, encodeGoRecord, type RecordToWrite } from './record-encoder.js';

interface CommonWriterOptions {
  /** End the stream after the last record; default true. False for a stream that stays open (stdout). */
  endStream?: boolean;
}

export type RecordsWriterOptions =
  | ({ format: 'array' | 'lines' } & CommonWriterOptions)
  | ({
      format: 'dump';
      /** Every database/table of the store, empty ones too; records may only name these. */
      namespaces: readonly DumpNamespace[];
      /** Default: now. */
      exportedAt?: Date;
    } & CommonWriterOptions);

export interface WriteSummary {
  records: number;
  bytes: number;
}

const FLUSH_CHARS = 64 * 1024;
const DONE: Promise<void> = Promise.resolve();

export class RecordsWriter {
  private readonly format: RecordsFormat;
  private readonly endStream: boolean;
  private readonly namespaces: Set<string> | null;
  private parts: string[] = [];
  private partsLength = 0;
  private records = 0;
  private bytes = 0;
  private failure: Error | null = null;
  private finished = false;
  private readonly onError = (error: Error) => {
    this.failure ??= error;
  };

  constructor(
    private readonly out: Writable,
    options: RecordsWriterOptions,
  ) {
    this.format = options.format;
    this.endStream = options.endStream ?? true;
    out.on('error', this.onError);
    if (options.format === 'dump') {
      this.namespaces = new Set(options.namespaces.map((ns) => namespaceKey(ns.database, ns.table)));
      this.push(`${dumpHeaderLine(options.namespaces, options.exportedAt ?? new Date())}\n`);
    } else {
      this.namespaces = null;
      if (options.format === 'array') this.push('[');
    }
  }

  /** Adds one record. Await it: it waits while the stream is full. */
  write(record: RecordToWrite | DumpRecordToWrite): Promise<void> {
    this.assertOpen();
    this.push(this.encode(record));
    this.records++;
    return this.partsLength >= FLUSH_CHARS ? this.flush() : DONE;
  }

  /** Closes the array or writes the dump's end line, flushes, and (by default) ends the stream. */
  async end(): Promise<WriteSummary> {
    this.assertOpen();
    this.finished = true;
    if (this.format === 'array') this.push(']');
    if (this.format === 'dump') this.push(`${dumpEndLine(this.records)}\n`);
    await this.flush();
    if (this.endStream) await endStream(this.out);
    this.out.off('error', this.onError);
    if (this.failure) throw this.failure;
    return { records: this.records, bytes: this.bytes };
  }

  private encode(record: RecordToWrite | DumpRecordToWrite): string {
    switch (this.format) {
      case 'array':
        return this.records === 0 ? encodeGoRecord(record) : `,${encodeGoRecord(record)}`;
      case 'lines':
        return `${encodeGoRecord(record)}\n`;
      case 'dump':
        return `${encodeGoDumpRecord(this.checkNamespace(record))}\n`;
    }
  }

  private checkNamespace(record: RecordToWrite | DumpRecordToWrite): DumpRecordToWrite {
    const { database, table } = record as Partial<DumpRecordToWrite>;
    if (typeof database !== 'string' || typeof table !== 'string') {
      throw new TypeError('a store dump record needs its database and table');
    }
    if (!this.namespaces!.has(namespaceKey(database, table))) {
      throw new TypeError(`namespace ${database}/${table} is not among the dump's namespaces`);
    }
    return record as DumpRecordToWrite;
  }

  private push(text: string): void {
    this.parts.push(text);
    this.partsLength += text.length;
  }

  private flush(): Promise<void> {
    if (this.partsLength === 0) return DONE;
    const chunk = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.partsLength = 0;
    this.bytes += Buffer.byteLength(chunk);
    return this.out.write(chunk) ? DONE : waitForDrain(this.out);
  }

  private assertOpen(): void {
    if (this.failure) throw this.failure;
    if (this.finished) throw new Error('the records writer has ended');
    if (this.out.destroyed) throw new Error('the output stream was closed before all records were written');
  }
}

/** Writes every record of `records` and ends the writer. On failure the output is partial: remove the file. */
export async function writeRecords(
  out: Writable,
  records: Iterable<RecordToWrite | DumpRecordToWrite> | AsyncIterable<RecordToWrite | DumpRecordToWrite>,
  options: RecordsWriterOptions,
): Promise<WriteSummary> {
  const writer = new RecordsWriter(out, options);
  for await (const record of records) await writer.write(record);
  return writer.end();
}

function waitForDrain(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the output stream was closed before all records were written'));
    };
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

function endStream(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}
