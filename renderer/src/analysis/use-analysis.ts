import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Filter } from '../../../electron/api/contract/schemas.js';
import { useClient } from '../app/client-context.js';
import { useApiEvent } from '../app/use-api-event.js';
import { useLiveSignal } from '../live/live-provider.js';
import type { Namespace } from '../ui/namespace.js';
import { useCall } from '../ui/use-call.js';

/**
 * The table's picture for the grid's filter, one key-space level at a time, with the store's phase progress.
 * Each analysis runs as a task of its own: when the filter or level changes (or the view closes), the one
 * still running is cancelled, so the store stops reading for an answer nobody will see. Another store opening
 * asks again, at the top level: the picture was of the store that is gone.
 */
export function useAnalysis(namespace: Namespace, filter: Filter) {
  const client = useClient();
  const base = `analysis-${useId()}`;
  const [level, setLevel] = useState<{ for: string; level: string }>();
  const [store, setStore] = useState(0);
  useLiveSignal('opened', () => setStore((opened) => opened + 1));
  const filterKey = JSON.stringify([store, namespace, filter]);
  // A drill-down belongs to the filter it was made under: another filter starts at its own top level.
  const chosen = level?.for === filterKey ? level.level : undefined;
  const askedKey = JSON.stringify([filterKey, chosen]);
  const runs = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new task for each question asked.
  const taskId = useMemo(() => `${base}-${++runs.current}`, [base, askedKey]);
  const analysis = useCall('table.analyse', {
    ...namespace,
    taskId,
    filter,
    ...(chosen === undefined ? {} : { level: chosen }),
  });
  const running = analysis.loading;
  useEffect(() => {
    if (!running) return;
    // A task already finished is not found: the cancel answers false and changes nothing.
    return () => void client.call('task.cancel', { taskId }).catch(() => {});
  }, [client, taskId, running]);
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
