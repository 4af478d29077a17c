import { useState } from 'react';
import { useClient } from '../app/client-context.js';
import { startDownload } from './download.js';
import {
  type ExportChoice,
  type ExportContext,
  type ExportResult,
  formatOf,
  scopeOf,
  startingChoice,
  suggestedName,
  type TableFormat,
} from './export-scope.js';
import { endedPhase } from './use-file-chooser.js';
import { useSaveTarget } from './use-save-target.js';
import { useTask } from './use-task.js';

export type ExportPhase =
  | { step: 'choose' }
  | { step: 'exporting' }
  | { step: 'done'; result: ExportResult }
  | { step: 'problem'; message: string }
  | { step: 'cancelled' };

/**
 * The export dialog's work: what to export, in which format, to which file; then the export, cancellable.
 * Desktop: the file comes from the native save dialog. Browser mode: the server writes a file of its own,
 * which the browser then downloads.
 */
export function useExport(context: ExportContext, initial: ExportChoice | undefined) {
  const client = useClient();
  const task = useTask();
  const [choice, setChoice] = useState<ExportChoice>(() => startingChoice(context, initial));
  const [tableFormat, setTableFormat] = useState<TableFormat>('array');
  const [phase, setPhase] = useState<ExportPhase>({ step: 'choose' });
  const suggested = suggestedName(choice, tableFormat, context.namespace);
  const save = useSaveTarget(suggested);
  return {
    choice,
    tableFormat,
    save,
    phase,
    task,
    setChoice,
    setTableFormat,
    run: async () => {
      setPhase({ step: 'exporting' });
      const arg = { format: formatOf(choice, tableFormat), scope: scopeOf(choice, context) };
      try {
        const chosen = await save.target();
        if (chosen === null) return setPhase({ step: 'choose' });
        const result = await task.run('export', (taskId) =>
          client.call('export.run', { taskId, file: chosen.id, ...arg }),
        );
        if (result.download !== null) startDownload(result.download, result.name);
        setPhase({ step: 'done', result });
      } catch (error) {
        setPhase(endedPhase(error));
      }
    },
  };
}

export type ExportState = ReturnType<typeof useExport>;
