import { useState } from 'react';
import type { CallResult } from '../../../electron/api/contract/calls.js';
import { useClient } from '../app/client-context.js';
import { errorCode, errorMessage } from '../shared/api-error.js';
import { usePathChooser } from '../transfer/use-path-chooser.js';
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
  const chooser = usePathChooser(() => client.call('file.chooseExport', { suggestedName: 'store.db' }));
  const [path, setPath] = useState('');
  const [phase, setPhase] = useState<CopyPhase>({ step: 'choose' });
  return {
    path,
    phase,
    task,
    setPath,
    choose: chooser.available
      ? async () => {
          const chosen = await chooser.choose();
          if (chosen !== undefined) setPath(chosen);
        }
      : undefined,
    copy: async () => {
      if (path.trim() === '') return;
      setPhase({ step: 'copying' });
      try {
        const report = await task.run('copy', (taskId) =>
          client.call('store.copyToSqlite', { taskId, path: path.trim() }),
        );
        setPhase({ step: 'done', report });
      } catch (error) {
        setPhase(
          errorCode(error) === 'cancelled' ? { step: 'cancelled' } : { step: 'problem', message: errorMessage(error) },
        );
      }
    },
  };
}

export type CopyState = ReturnType<typeof useCopyToSqlite>;
