import type { RecordDetail } from '../store/record-detail.js';
import type { RecordSummary } from '../store/record-page.js';
import type { RecordBytesDto, RecordDetailDto, RecordSummaryDto } from './contract/schemas.js';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

// The store's metadata came out of JSON.parse, so it is JSON whatever its static type says.
export const castToJsonMetadata = (metadata: Record<string, unknown>) => metadata as RecordSummaryDto['metadata'];

export function toSummaryDto(summary: RecordSummary): RecordSummaryDto {
  return { ...summary, metadata: castToJsonMetadata(summary.metadata), preview: base64(summary.preview) };
}

export function toDetailDto(detail: RecordDetail): RecordDetailDto {
  return { ...toBytesDto(detail), value: base64(detail.value) };
}

/** The detail with its value as bytes (record.getBytes): no base64 on either side. */
export function toBytesDto(detail: RecordDetail): RecordBytesDto {
  return {
    ...detail,
    metadata: castToJsonMetadata(detail.metadata),
    complete: detail.value.byteLength >= detail.size,
  };
}
