import type { CallResult, ValidArg } from './contract/calls.js';
import type { ApiEvent } from './contract/events.js';
import { CancelledError, UnsupportedError } from './errors.js';
import type { StoreSession } from './store-session.js';
import type { TransferTasks } from './transfer-tasks.js';

/**
 * `table.analyse` (docs/analysis.md): drawn by the store itself; a backend that cannot says so. With a task
 * id it reports the records it has read as progress, and `task.cancel` stops it within a few thousand
 * records, answering `cancelled`.
 */
export function analysisHandlers(session: StoreSession, emit: (event: ApiEvent) => void, tasks: TransferTasks) {
  return {
    'table.analyse': async (arg: ValidArg<'table.analyse'>): Promise<CallResult<'table.analyse'>> => {
      const { database, table, taskId, ...options } = arg;
      const analyse = session.requireBackend().reading.analyse;
      if (analyse === undefined) {
        throw new UnsupportedError(
          'the analysis is not available for this kind of store yet: copy it into a Store Inspector store to analyse it',
        );
      }
      if (taskId === undefined) return analyse({ database, table }, options);
      const onProgress = (done: number, total: number) => emit({ type: 'progress', task: taskId, done, total });
      return tasks.runCancellable(taskId, async (signal) => {
        try {
          const analysis = await analyse({ database, table }, { ...options, onProgress, signal });
          // Cancelled after its pass ended: whoever cancelled it no longer wants the answer.
          if (signal.aborted) throw new CancelledError();
          return analysis;
        } catch (error) {
          throw signal.aborted ? new CancelledError() : error;
        }
      });
    },
  };
}
