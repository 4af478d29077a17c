import type { RecordSummaryDto } from '../../../electron/api/contract/schemas.js';

export type Metadata = RecordSummaryDto['metadata'];

export function metadataToText(metadata: Metadata): string {
  return Object.keys(metadata).length === 0 ? '{}' : JSON.stringify(metadata, null, 2);
}

/** A JSON object, or why the text is not one. */
export function parseMetadata(text: string): { ok: true; metadata: Metadata } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, metadata: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Metadata is not valid JSON: ${error instanceof Error ? error.message : ''}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: 'Metadata must be a JSON object, like {"owner": "auth"}' };
  }
  return { ok: true, metadata: parsed as Metadata };
}
