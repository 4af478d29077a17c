import { useState } from 'react';
import { useClient } from '../app/client-context.js';
import { type ConnectionProblem, connectionProblem } from '../connect/connection-problem.js';
import { useConnectionForm } from '../connect/use-connection-form.js';
import { useRecentConnections } from '../connect/use-recent-connections.js';
import type { SavedItem } from '../connect/use-saved-connections.js';
import type { ConflictPolicy } from '../transfer/import-phase.js';
import { useTask } from '../transfer/use-task.js';
import { errorCode, failureNotice } from '../ui/api-error.js';
import {
  type CopyChoice,
  type CopyReport,
  type CopySource,
  type CopyTargetDraft,
  copyArg,
  copyFormProblem,
  defaultCopyChoice,
  defaultPlace,
} from './copy-plan.js';

/** Where the copy stands: the form, running, its report, or how it ended otherwise. */
export type CopyPhase =
  | { step: 'form' }
  | { step: 'running' }
  | { step: 'done'; report: CopyReport }
  /** The target cannot keep what some records carry: nothing was written; the message counts them. */
  | { step: 'refused'; message: string }
  | { step: 'problem'; problem: ConnectionProblem }
  | { step: 'cancelled'; message: string };

/**
 * The Copy to another store dialog's state: the scope, the target (the Open connection form's fields and
 * test, a saved connection), the options, and the copy itself as a task with progress and cancel.
 */
export function useCopy(source: CopySource, initial: CopyChoice | undefined) {
  const client = useClient();
  const [choice, setChoiceState] = useState<CopyChoice>(() => initial ?? defaultCopyChoice(source));
  const form = useConnectionForm({ place: defaultPlace(choice, source.namespace), keepPlace: true });
  const task = useTask();
  const [policy, setPolicy] = useState<ConflictPolicy>('overwrite');
  const [dropLosses, setDropLosses] = useState(false);
  const [saved, setSaved] = useState<SavedItem>();
  const [phase, setPhase] = useState<CopyPhase>({ step: 'form' });
  const { recent, remember } = useRecentConnections();

  const target: CopyTargetDraft = {
    url: form.draft.url,
    password: form.draft.password,
    savedId: saved?.id,
    database: form.draft.database,
    table: form.draft.table,
  };
  const setChoice = (next: CopyChoice) => {
    setChoiceState(next);
    form.update(defaultPlace(next, source.namespace));
  };
  /** Typing another URL leaves the saved connection chosen before. */
  const setUrl = (text: string) => {
    setSaved(undefined);
    form.setUrl(text);
  };
  /** A saved or recent connection is the target's server; where it goes stays as the source names it. */
  const chooseConnection = (entry: { url: string; readOnly: boolean }, item?: SavedItem) => {
    const { database, table } = form.draft;
    form.fill({ url: entry.url, readOnly: false, database, table });
    setSaved(item?.id === undefined ? undefined : item);
  };
  const start = async (drop = dropLosses) => {
    const problem = copyFormProblem(target, choice);
    if (problem !== undefined) {
      setPhase({ step: 'problem', problem: { heading: 'Not ready to copy', detail: problem } });
      return;
    }
    setDropLosses(drop);
    setPhase({ step: 'running' });
    try {
      const report = await task.run('copy', (taskId) =>
        client.call('store.copyTo', copyArg(taskId, source, choice, target, { policy, dropLosses: drop })),
      );
      if (saved === undefined) {
        remember({ url: target.url.trim(), readOnly: false });
      }
      setPhase({ step: 'done', report });
    } catch (error) {
      const code = errorCode(error);
      // Nothing more to say after a store switch: its notice said it, and it closes this dialog.
      const message = failureNotice(error) ?? '';
      if (code === 'cancelled') setPhase({ step: 'cancelled', message });
      else if (code === 'refused') setPhase({ step: 'refused', message });
      else if (code === 'unavailable') setPhase({ step: 'problem', problem: connectionProblem(error, false) });
      else setPhase({ step: 'problem', problem: { heading: 'The copy failed', detail: message } });
    }
  };
  return {
    choice,
    setChoice,
    form,
    setUrl,
    target,
    saved,
    chooseConnection,
    recent,
    policy,
    setPolicy,
    dropLosses,
    setDropLosses,
    phase,
    progress: task.progress,
    cancel: task.cancel,
    start,
  };
}

export type CopyState = ReturnType<typeof useCopy>;
