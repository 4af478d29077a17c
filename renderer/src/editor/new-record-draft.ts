import type { CallArg } from '../../../electron/api/contract/calls.js';
import { bytesToBase64 } from '../ui/base64.js';
import type { Namespace } from '../ui/namespace.js';
import { type ExpiryDraft, expirySpecOf } from './expiry-draft.js';
import { parseMetadata } from './metadata-text.js';
import { parseValue, type ValueMode } from './value-modes.js';

/** The New record form as typed. */
export interface NewRecordDraft {
  key: string;
  database: string;
  table: string;
  value: string;
  mode: ValueMode;
  metadata: string;
  expiry: ExpiryDraft;
}

export function blankRecord(namespace: Namespace): NewRecordDraft {
  return { key: '', ...namespace, value: '', mode: 'text', metadata: '{}', expiry: { kind: 'none' } };
}

type Request = { ok: true; arg: CallArg<'record.write'> } | { ok: false; message: string };

export function newRecordRequest(draft: NewRecordDraft): Request {
  if (draft.key === '') return { ok: false, message: 'A record needs a key' };
  if (draft.database.trim() === '' || draft.table.trim() === '')
    return { ok: false, message: 'Name a database and a table' };
  const value = parseValue(draft.value, draft.mode);
  if (!value.ok) return { ok: false, message: value.message };
  const metadata = parseMetadata(draft.metadata);
  if (!metadata.ok) return { ok: false, message: metadata.message };
  const expiry = expirySpecOf(draft.expiry, null);
  if (!expiry.ok) return { ok: false, message: expiry.message };
  return {
    ok: true,
    arg: {
      database: draft.database.trim(),
      table: draft.table.trim(),
      key: draft.key,
      value: bytesToBase64(value.bytes),
      metadata: metadata.metadata,
      expiry: expiry.spec,
      expectedRevision: null,
    },
  };
}
