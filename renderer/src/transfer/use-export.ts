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
import { useFileTask } from './use-file-task.js';

/**
 * The export dialog's work: what to export, in which format, to which file; then the export, cancellable.
 * Desktop: the file comes from the native save dialog. Browser mode: the server writes a file of its own,
 * which the browser then downloads.
 */
export function useExport(context: ExportContext, initial: ExportChoice | undefined) {
  const client = useClient();
  const [choice, setChoice] = useState<ExportChoice>(() => startingChoice(context, initial));
  const [tableFormat, setTableFormat] = useState<TableFormat>('array');
  const format = formatOf(choice, tableFormat);
  const scope = scopeOf(choice, context);
  const task = useFileTask<ExportResult>(
    'export',
    suggestedName(choice, tableFormat, context.namespace),
    (taskId, file) => client.call('export.run', { taskId, file: file.id, format, scope }),
  );
  return { choice, tableFormat, task, setChoice, setTableFormat };
}
