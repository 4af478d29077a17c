import { useId, useState } from 'react';
import type { Filter } from '../../../electron/api/contract/schemas.js';
import { useApiEvent } from '../app/use-api-event.js';
import type { Namespace } from '../shared/namespace.js';
import { useCall } from '../shared/use-call.js';

/** The table's picture for the grid's filter, one key-space level at a time, with the store's phase progress. */
export function useAnalysis(namespace: Namespace, filter: Filter) {
  const taskId = `analysis-${useId()}`;
  const [level, setLevel] = useState<{ for: string; level: string }>();
  const filterKey = JSON.stringify([namespace, filter]);
  // A drill-down belongs to the filter it was made under: another filter starts at its own top level.
  const chosen = level?.for === filterKey ? level.level : undefined;
  const analysis = useCall('table.analyse', {
    ...namespace,
    taskId,
    filter,
    ...(chosen === undefined ? {} : { level: chosen }),
  });
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  useApiEvent((event) => {
    if (event.type === 'progress' && event.task === taskId) setProgress({ done: event.done, total: event.total ?? 0 });
  });
  return {
    ...analysis,
    progress: analysis.loading ? progress : undefined,
    drillTo: (prefix: string) => setLevel({ for: filterKey, level: prefix }),
  };
}
