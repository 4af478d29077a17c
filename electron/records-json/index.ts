/**
 * JSON records: read and write go-micro Store records in the formats of docs/records-json.md: a record array,
 * record lines, and the store dump. Pure codec over Node streams; knows nothing of the Store itself.
 */

export type { DumpHeader, DumpNamespace } from './dump-format.js';
export { DUMP_FORMAT, DUMP_VERSION } from './dump-format.js';
export type { RecordsJsonErrorCode, SourcePlace } from './errors.js';
export { quoteKey, RecordsJsonError } from './errors.js';
export type { RecordsFormat, RequestedFormat } from './format-detect.js';
export { goString, goValue } from './go-json-encoder.js';
export type { DecodedRecord } from './record-decoder.js';
export type { DumpRecordToWrite, RecordToWrite } from './record-encoder.js';
export { encodeGoDumpRecord, encodeGoRecord, expiryNanosText, expiryNsToMs, MAX_EXPIRY_MS } from './record-encoder.js';
export type { RecordsWriterOptions, WriteSummary } from './record-writers.js';
export { RecordsWriter, writeRecords } from './record-writers.js';
export type { RecordsInput, RecordsReader, RecordsReaderOptions } from './records-reader.js';
export { openRecordsReader, readAllRecords } from './records-reader.js';
