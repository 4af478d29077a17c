import { useState } from 'react';
import { useClient } from '../app/client-context.js';
import { errorCode, errorMessage } from '../shared/api-error.js';
import type { Namespace } from '../shared/namespace.js';
import { type ImportForm, type ImportPhase, previewIsFresh } from './import-phase.js';
import { usePathChooser } from './use-path-chooser.js';
import { useTask } from './use-task.js';

/**
 * The import dialog's work: a dry run of the chosen file (what it holds, what already exists, what
 * is wrong with it), then the import under the chosen conflict policy, both cancellable.
 */
export function useImport(namespace: Namespace) {
  const client = useClient();
  const task = useTask();
  const chooser = usePathChooser(() => client.call('file.chooseImport', {}));
  const [form, setForm] = useState<ImportForm>({ path: '', ...namespace, policy: 'overwrite' });
  const [phase, setPhase] = useState<ImportPhase>({ step: 'choose' });

  const failed = (error: unknown, during: 'preview' | 'import'): ImportPhase =>
    errorCode(error) === 'cancelled'
      ? { step: 'cancelled', during }
      : { step: 'problem', message: errorMessage(error), badFile: errorCode(error) === 'bad-file' };

  const preview = async (chosen: ImportForm = form) => {
    if (chosen.path.trim() === '') return;
    setPhase({ step: 'previewing' });
    const { path, database, table } = chosen;
    try {
      const report = await task.run('import-preview', (taskId) =>
        client.call('import.preview', { taskId, path, database, table, format: 'auto' }),
      );
      setPhase({ step: 'previewed', preview: report, form: chosen });
    } catch (error) {
      setPhase(failed(error, 'preview'));
    }
  };

  const run = async () => {
    if (!previewIsFresh(phase, form)) return;
    setPhase({ step: 'importing', preview: phase.preview });
    const { path, database, table, policy } = form;
    try {
      const report = await task.run('import', (taskId) =>
        client.call('import.run', { taskId, path, database, table, policy, format: 'auto' }),
      );
      setPhase({ step: 'done', report, form });
    } catch (error) {
      setPhase(failed(error, 'import'));
    }
  };

  return {
    form,
    phase,
    task,
    fresh: previewIsFresh(phase, form),
    change: (patch: Partial<ImportForm>) => setForm((current) => ({ ...current, ...patch })),
    preview: () => preview(),
    run,
    /** The native dialog, where there is one; choosing a file previews it at once. */
    choose: chooser.available
      ? async () => {
          const path = await chooser.choose();
          if (path === undefined) return;
          const chosen = { ...form, path };
          setForm(chosen);
          await preview(chosen);
        }
      : undefined,
  };
}

export type ImportState = ReturnType<typeof useImport>;
