import { useState } from 'react';
import { useClient } from '../app/client-context.js';
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
import { endedPhase, usePathField } from './use-path-chooser.js';
import { useTask } from './use-task.js';

export type ExportPhase =
  | { step: 'choose' }
  | { step: 'exporting' }
  | { step: 'done'; result: ExportResult }
  | { step: 'problem'; message: string }
  | { step: 'cancelled' };

/** The export dialog's work: what to export, in which format, to which file; then the export, cancellable. */
export function useExport(context: ExportContext, initial: ExportChoice | undefined) {
  const client = useClient();
  const task = useTask();
  const [choice, setChoice] = useState<ExportChoice>(() => startingChoice(context, initial));
  const [tableFormat, setTableFormat] = useState<TableFormat>('array');
  const [phase, setPhase] = useState<ExportPhase>({ step: 'choose' });
  const suggested = suggestedName(choice, tableFormat, context.namespace);
  const { path, setPath, choose } = usePathField(() => client.call('file.chooseExport', { suggestedName: suggested }));
  return {
    choice,
    tableFormat,
    path,
    phase,
    task,
    suggested,
    setChoice,
    setTableFormat,
    setPath,
    choose,
    run: async () => {
      if (path.trim() === '') return;
      setPhase({ step: 'exporting' });
      const arg = { path, format: formatOf(choice, tableFormat), scope: scopeOf(choice, context) };
      try {
        const result = await task.run('export', (taskId) => client.call('export.run', { taskId, ...arg }));
        setPhase({ step: 'done', result });
      } catch (error) {
        setPhase(endedPhase(error));
      }
    },
  };
}

export type ExportState = ReturnType<typeof useExport>;
