import { useState } from 'react';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { useClient } from '../app/client-context.js';
import { errorCode, failureNotice } from '../ui/api-error.js';
import type { Namespace } from '../ui/namespace.js';
import { type ImportForm, type ImportPhase, previewIsFresh } from './import-phase.js';
import { useFileChooser } from './use-file-chooser.js';
import { useTask } from './use-task.js';

/**
 * The import dialog's work: a dry run of the chosen file (what it holds, what already exists, what
 * is wrong with it), then the import under the chosen conflict policy, both cancellable. The file comes from
 * the native dialog (desktop), the page's file input (uploaded in browser mode) or a drop.
 */
export function useImport(namespace: Namespace, dropped: FileHandle | undefined) {
  const client = useClient();
  const task = useTask();
  const chooser = useFileChooser(() => client.call('file.chooseImport', {}));
  const [form, setForm] = useState<ImportForm>({ file: dropped, ...namespace, policy: 'overwrite', dropUnkept: false });
  const [phase, setPhase] = useState<ImportPhase>({ step: 'choose' });

  const failed = (error: unknown, during: 'preview' | 'import'): ImportPhase =>
    errorCode(error) === 'cancelled'
      ? { step: 'cancelled', during }
      : // Nothing more to say after a store switch: its notice said it, and it closes this dialog.
        { step: 'problem', message: failureNotice(error) ?? '', badFile: errorCode(error) === 'bad-file' };

  const preview = async (chosen: ImportForm = form) => {
    const { file, database, table } = chosen;
    if (file === undefined) return;
    setPhase({ step: 'previewing' });
    try {
      const report = await task.run('import-preview', (taskId) =>
        client.call('import.preview', { taskId, file: file.id, database, table, format: 'auto' }),
      );
      setPhase({ step: 'previewed', preview: report, form: chosen });
    } catch (error) {
      setPhase(failed(error, 'preview'));
    }
  };

  const run = async () => {
    if (!previewIsFresh(phase, form) || form.file === undefined) return;
    setPhase({ step: 'importing', preview: phase.preview });
    const { file, database, table, policy, dropUnkept } = form;
    try {
      const report = await task.run('import', (taskId) =>
        client.call('import.run', { taskId, file: file.id, database, table, policy, dropUnkept, format: 'auto' }),
      );
      setPhase({ step: 'done', report, form });
    } catch (error) {
      setPhase(failed(error, 'import'));
    }
  };

  /** A chosen file is previewed at once. */
  const use = async (file: FileHandle) => {
    const chosen = { ...form, file };
    setForm(chosen);
    await preview(chosen);
  };

  return {
    form,
    phase,
    task,
    fresh: previewIsFresh(phase, form),
    change: (patch: Partial<ImportForm>) => setForm((current) => ({ ...current, ...patch })),
    preview: () => preview(),
    run,
    /** The native dialog, where there is one. */
    choose: chooser.available
      ? async () => {
          const file = await chooser.choose();
          if (file !== undefined) await use(file);
        }
      : undefined,
    /** Browser mode: a file from the page's file input, uploaded first. */
    pick: chooser.available
      ? undefined
      : async (picked: File) => {
          setPhase({ step: 'previewing' });
          try {
            await use(await client.localFile(picked));
          } catch (error) {
            setPhase(failed(error, 'preview'));
          }
        },
  };
}

export type ImportState = ReturnType<typeof useImport>;
