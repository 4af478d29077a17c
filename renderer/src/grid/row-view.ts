import type { RecordSummaryDto } from '../../../electron/api/contract/schemas.js';
import { base64ToBytes } from '../ui/base64.js';
import {
  formatAbsoluteTime,
  formatBytes,
  formatMetadata,
  formatShortTimestamp,
  knowsWriteTime,
  UNKNOWN_WRITE_TIME,
} from '../ui/format.js';
import { previewValue, type ValueKind } from '../ui/value-format.js';

/** What a grid row shows, worked out once per record rather than on every scroll frame. */
export interface RowView {
  kind: ValueKind;
  preview: string;
  size: string;
  metadata: string;
  updated: string;
  updatedTitle: string;
}

const views = new WeakMap<RecordSummaryDto, RowView>();

export function rowView(record: RecordSummaryDto): RowView {
  let view = views.get(record);
  if (view === undefined) {
    const preview = previewValue(base64ToBytes(record.preview), record.size);
    view = {
      kind: preview.kind,
      preview: preview.text,
      size: formatBytes(record.size),
      metadata: formatMetadata(record.metadata),
      ...updatedView(record.updatedAt),
    };
    views.set(record, view);
  }
  return view;
}

function updatedView(updatedAt: number): Pick<RowView, 'updated' | 'updatedTitle'> {
  if (!knowsWriteTime(updatedAt))
    return { updated: UNKNOWN_WRITE_TIME, updatedTitle: 'This store keeps no write time' };
  return { updated: formatShortTimestamp(updatedAt), updatedTitle: `Updated ${formatAbsoluteTime(updatedAt)}` };
}
