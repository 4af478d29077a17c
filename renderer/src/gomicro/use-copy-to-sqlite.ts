import { useState } from 'react';
import type { CallResult } from '../../../electron/api/contract/calls.js';
import { useClient } from '../app/client-context.js';
import { startDownload } from '../transfer/download.js';
import { endedPhase } from '../transfer/use-file-chooser.js';
import { useSaveTarget } from '../transfer/use-save-target.js';
import { useTask } from '../transfer/use-task.js';

export type CopyReport = CallResult<'store.copyToSqlite'>;

export type CopyPhase =
  | { step: 'choose' }
  | { step: 'copying' }
  | { step: 'done'; report: CopyReport }
  | { step: 'problem'; message: string }
  | { step: 'cancelled' };

const COPY_NAME = 'store.db';

/**
 * Copying the open go-micro store into a new SQLite store file, with progress; cancelling leaves no file.
 * Desktop: into a file chosen with the save dialog, which can then be opened. Browser mode: downloaded.
 */
export function useCopyToSqlite() {
  const client = useClient();
  const task = useTask();
  const save = useSaveTarget(COPY_NAME);
  const [phase, setPhase] = useState<CopyPhase>({ step: 'choose' });
  return {
    save,
    phase,
    task,
    copy: async () => {
      setPhase({ step: 'copying' });
      try {
        const chosen = await save.target();
        if (chosen === null) return setPhase({ step: 'choose' });
        const report = await task.run('copy', (taskId) =>
          client.call('store.copyToSqlite', { taskId, file: chosen.id }),
        );
        if (report.download !== null) startDownload(report.download, report.name);
        setPhase({ step: 'done', report });
      } catch (error) {
        setPhase(endedPhase(error));
      }
    },
  };
}

export type CopyState = ReturnType<typeof useCopyToSqlite>;
