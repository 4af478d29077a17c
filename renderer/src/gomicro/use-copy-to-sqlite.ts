import { useState } from 'react';
import type { CallResult } from '../../../electron/api/contract/calls.js';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { useClient } from '../app/client-context.js';
import { startDownload } from '../transfer/download.js';
import { endedPhase, useFileField } from '../transfer/use-file-chooser.js';
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
  const { file, choose } = useFileField(() => client.call('file.chooseExport', { suggestedName: COPY_NAME }));
  const downloads = client.mode === 'browser';
  const [phase, setPhase] = useState<CopyPhase>({ step: 'choose' });
  const target = async (): Promise<FileHandle | null> =>
    downloads ? client.call('file.chooseExport', { suggestedName: COPY_NAME }) : (file ?? null);
  return {
    file,
    downloads,
    ready: downloads || file !== undefined,
    suggested: COPY_NAME,
    phase,
    task,
    choose,
    copy: async () => {
      setPhase({ step: 'copying' });
      try {
        const chosen = await target();
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
