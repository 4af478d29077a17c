import type { Filter } from '../../../electron/api/contract/schemas.js';
import { useLiveSignal } from '../live/live-provider.js';
import type { Namespace } from '../ui/namespace.js';
import { useCall } from '../ui/use-call.js';
import { countsByBranch } from './branch-counts.js';

/**
 * How many records the grid's filter matches in each shown branch of a level, by branch: one call for the
 * whole level, read again when the store changes. Undefined while the first answer is on its way.
 */
export function useBranchCounts(namespace: Namespace, branches: readonly string[] | undefined, filter: Filter) {
  const counts = useCall(
    'records.countPrefixes',
    branches === undefined || branches.length === 0 ? null : { ...namespace, prefixes: [...branches], filter },
  );
  useLiveSignal('reread', counts.reload);
  return countsByBranch(branches, counts.fresh ? counts.value : undefined);
}
