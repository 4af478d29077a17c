import { useState } from 'react';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { startDownload } from './download.js';
import { endedPhase, type FileTaskPhase } from './file-task-phase.js';
import { useSaveTarget } from './use-save-target.js';
import { useTask } from './use-task.js';

/** What a task that writes a file answers: the file's name and, in browser mode, where to download it. */
interface FileTaskResult {
  name: string;
  download: string | null;
}

/**
 * A task that writes a new file, cancellable, with progress: the file is chosen (desktop: the save dialog;
 * browser mode: a file on the server, downloaded when written), then `work` writes it under a task id.
 */
export function useFileTask<R extends FileTaskResult>(
  kind: string,
  suggestedName: string,
  work: (taskId: string, file: FileHandle) => Promise<R>,
) {
  const task = useTask();
  const save = useSaveTarget(suggestedName);
  const [phase, setPhase] = useState<FileTaskPhase<R>>({ step: 'choose' });
  return {
    save,
    phase,
    progress: task.progress,
    running: task.running,
    cancel: task.cancel,
    run: async () => {
      setPhase({ step: 'running' });
      try {
        const chosen = await save.target();
        if (chosen === null) return setPhase({ step: 'choose' });
        const result = await task.run(kind, (taskId) => work(taskId, chosen));
        if (result.download !== null) startDownload(result.download, result.name);
        setPhase({ step: 'done', result });
      } catch (error) {
        setPhase(endedPhase(error));
      }
    },
  };
}

export type FileTask<R extends FileTaskResult> = ReturnType<typeof useFileTask<R>>;
