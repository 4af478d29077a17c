import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import { type BackendKind, refusalReason } from '../../../electron/common/backend-refusals.js';

export type Info = OpenedStoreInfoDto | null | undefined;

const KIND_NAMES: Record<BackendKind, string> = {
  sqlite: 'Store Inspector store',
  gomicro: 'go-micro file store',
  postgres: 'PostgreSQL',
  redis: 'Redis',
  nats: 'NATS JetStream KV',
  mysql: 'MySQL',
};

export function kindName(kind: BackendKind): string {
  return KIND_NAMES[kind];
}

/** The backend itself cannot write (go-micro's files): reopening it writable is not offered. */
export function neverWritable(info: Info): boolean {
  return info != null && refusalReason(info.kind, 'editing') !== undefined;
}

/** Why records here cannot carry metadata, or undefined when they can. */
export function metadataRefusal(info: Info): string | undefined {
  if (info == null || info.capabilities.metadata) return undefined;
  return info.refusals.metadata ?? 'this store keeps no metadata';
}

/** Why records here cannot carry their own expiry, or undefined when they can. */
export function expiryRefusal(info: Info): string | undefined {
  if (info == null || info.capabilities.perRecordExpiry) return undefined;
  return info.refusals.perRecordExpiry ?? 'this store has no per-record expiry';
}

/** How the live view learns of other writers' changes. */
export function liveText(info: Info): { label: string; description: string } {
  switch (info?.capabilities.liveChanges) {
    case 'events':
      return { label: 'Live (events)', description: 'The server pushes each change as it happens' };
    case 'polling':
      return { label: 'Live (polling)', description: 'Changes are looked for every 200 ms' };
    case 'none':
      return {
        label: 'Not live',
        description: `${kindName(info.kind)} tells of no changes here: what is shown is read again when you act`,
      };
    default:
      return { label: 'Live', description: '' };
  }
}

/** One line per thing the store cannot do, for the dialog after a test. */
export function capabilityLines(
  capabilities: OpenedStoreInfoDto['capabilities'],
  refusals: OpenedStoreInfoDto['refusals'],
): string[] {
  const lines: string[] = [];
  if (!capabilities.editing) lines.push(refusals.editing ?? 'read-only');
  if (!capabilities.metadata) lines.push(refusals.metadata ?? 'keeps no metadata');
  if (!capabilities.perRecordExpiry) lines.push(refusals.perRecordExpiry ?? 'no per-record expiry');
  if (!capabilities.cheapCount) lines.push('counts are costly: shown as ~, read when listed');
  if (!capabilities.orderedPaging) lines.push('pages do not come in key order');
  if (!capabilities.listsTables) lines.push('tables cannot be listed: type the table');
  lines.push(
    capabilities.liveChanges === 'none' ? 'no live view of changes' : `live view by ${capabilities.liveChanges}`,
  );
  return lines;
}
