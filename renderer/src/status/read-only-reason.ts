import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import { refusalReason } from '../../../electron/common/backend-refusals.js';

/**
 * Why nothing can be changed, in a few words; undefined when the store is writable. A backend that cannot
 * write at all says so in its one wording (electron/common/backend-refusals.ts), as its refused writes do.
 */
export function readOnlyReason(info: OpenedStoreInfoDto | null | undefined): string | undefined {
  if (info?.readOnly !== true) return undefined;
  return refusalReason(info.kind, 'editing') ?? info.readOnlyReason ?? 'opened read-only';
}
