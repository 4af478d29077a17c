import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';

/** Why nothing can be changed, in a few words; undefined when the store is writable. */
export function readOnlyReason(info: OpenedStoreInfoDto | null | undefined): string | undefined {
  if (info?.readOnly !== true) return undefined;
  if (info.kind === 'gomicro') return 'go-micro file store: read-only';
  return info.readOnlyReason ?? 'opened read-only';
}
