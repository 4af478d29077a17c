import type { CallResult } from '../../../electron/api/contract/calls.js';
import { useClient } from '../app/client-context.js';
import { useFileTask } from '../transfer/use-file-task.js';

export type CopyReport = CallResult<'store.copyToSqlite'>;

const COPY_NAME = 'store.db';

/**
 * Copying the open go-micro store into a new SQLite store file, with progress; cancelling leaves no file.
 * Desktop: into a file chosen with the save dialog, which can then be opened. Browser mode: downloaded.
 */
export function useCopyToSqlite() {
  const client = useClient();
  return useFileTask<CopyReport>('copy', COPY_NAME, (taskId, file) =>
    client.call('store.copyToSqlite', { taskId, file: file.id }),
  );
}
