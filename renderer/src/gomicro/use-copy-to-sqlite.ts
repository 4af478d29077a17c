import { useState } from 'react';
import type { CallResult } from '../../../electron/api/contract/calls.js';
import { useClient } from '../app/client-context.js';
import { endedPhase, usePathField } from '../transfer/use-path-chooser.js';
import { useTask } from '../transfer/use-task.js';

export type CopyReport = CallResult<'store.copyToSqlite'>;

export type CopyPhase =
  | { step: 'choose' }
  | { step: 'copying' }
  | { step: 'done'; report: CopyReport }
  | { step: 'problem'; message: string }
  | { step: 'cancelled' };

/** Copying the open go-micro store into a new SQLite store file, with progress; cancelling leaves no file. */
export function useCopyToSqlite() {
  const client = useClient();
  const task = useTask();
  const { path, setPath, choose } = usePathField(() => client.call('file.chooseExport', { suggestedName: 'store.db' }));
  const [phase, setPhase] = useState<CopyPhase>({ step: 'choose' });
  return {
    path,
    phase,
    task,
    setPath,
    choose,
    copy: async () => {
      if (path.trim() === '') return;
      setPhase({ step: 'copying' });
      try {
        const report = await task.run('copy', (taskId) =>
          client.call('store.copyToSqlite', { taskId, path: path.trim() }),
        );
        setPhase({ step: 'done', report });
      } catch (error) {
        setPhase(endedPhase(error));
      }
    },
  };
}

export type CopyState = ReturnType<typeof useCopyToSqlite>;
