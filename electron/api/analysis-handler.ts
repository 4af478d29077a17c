import type { CallResult, ValidArg } from './contract/calls.js';
import type { ApiEvent } from './contract/events.js';
import { NoStoreError, UnsupportedError } from './errors.js';
import type { StoreSession } from './store-session.js';

/** `table.analyse` (docs/analysis.md): drawn by the store itself; a backend that cannot says so. */
export function analysisHandlers(session: StoreSession, emit: (event: ApiEvent) => void) {
  return {
    'table.analyse': async (arg: ValidArg<'table.analyse'>): Promise<CallResult<'table.analyse'>> => {
      const { database, table, taskId, ...options } = arg;
      const backend = session.backend;
      if (backend === undefined) throw new NoStoreError();
      const analyse = backend.reading.analyse;
      if (analyse === undefined) {
        throw new UnsupportedError(
          'the analysis is not available for this kind of store yet: copy it into a Store Inspector store to analyse it',
        );
      }
      const onProgress =
        taskId === undefined
          ? undefined
          : (done: number, total: number) => emit({ type: 'progress', task: taskId, done, total });
      return analyse({ database, table }, { ...options, ...(onProgress ? { onProgress } : {}) });
    },
  };
}
