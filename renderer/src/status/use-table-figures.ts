import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import type { CallResult } from '../../../electron/api/contract/calls.js';
import { useLiveSignal } from '../live/live-provider.js';
import type { Namespace } from '../ui/namespace.js';
import { useCall } from '../ui/use-call.js';

export type TableFiguresValue = CallResult<'table.figures'>;

/**
 * What the backend tells of the table on screen beside its pages (`table.figures`), asked once for all the
 * status bar shows of it (the estimate, a bucket's key encoding, the paging index notice), and again on every
 * `recount`. Only where there is something to tell: an exact count costs a scan (Postgres, MySQL, Redis), or
 * a NATS bucket's keys have an encoding.
 */
export function useTableFigures(
  info: OpenedStoreInfoDto | null | undefined,
  namespace: Namespace | undefined,
): TableFiguresValue | undefined {
  const applies = info != null && (!info.capabilities.cheapCount || info.kind === 'nats');
  const figures = useCall('table.figures', applies && namespace !== undefined ? namespace : null);
  useLiveSignal('recount', figures.reload);
  return figures.fresh ? figures.value : undefined;
}
