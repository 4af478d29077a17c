import type { RefObject } from 'react';
import type { OpenTarget } from '../editor/editor-state.js';
import { blankRecord, type NewRecordDraft } from '../editor/new-record-draft.js';
import type { RecordEditor } from '../editor/use-record-editor.js';
import { sampleRecords } from '../grid/sample-records.js';
import { type Namespace, sameNamespace } from '../ui/namespace.js';
import { visibleKey } from '../ui/visible-key.js';
import { useClient } from './client-context.js';
import type { CommandEndings, Notify } from './command-endings.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

interface RecordCommandsDeps {
  editor: RecordEditor;
  /** The table shown, and how to show another. */
  namespace: Namespace;
  setNamespace: (namespace: Namespace) => void;
  setDialog: (dialog: WorkspaceDialog | undefined) => void;
  /** Where the New record form, as typed, is kept for a store switch to read (app/use-workspace.ts). */
  newRecordDraft: RefObject<NewRecordDraft | undefined>;
  notify: Notify;
  endings: CommandEndings;
  /** The grid: read again, find a key's row, focus a row and scroll it into view. */
  grid: { refresh: () => void; seek: (key: string) => Promise<number>; reveal: (index: number) => void };
}

/** Opening, creating, duplicating and renaming records; unsaved edits are never dropped without asking. */
export function useRecordCommands({
  editor,
  namespace,
  setNamespace,
  setDialog,
  newRecordDraft,
  notify,
  endings,
  grid,
}: RecordCommandsDeps) {
  const client = useClient();
  const close = () => setDialog(undefined);
  const guard = (proceed: () => void) => {
    const key = editor.state.target?.key;
    if (!editor.state.dirty || key === undefined) return proceed();
    const discard = () => {
      close();
      proceed();
    };
    setDialog({ kind: 'discard', key, proceed: discard });
  };
  const open = (target: OpenTarget, focusValue = false) => guard(() => editor.open(target, focusValue));
  /** Opens a record of any table: its table is shown first; in the table shown, the grid goes to its row. */
  const openAnywhere = ({ database, table, key }: OpenTarget) =>
    guard(() => {
      editor.open({ database, table, key });
      if (!sameNamespace({ database, table }, namespace)) setNamespace({ database, table });
      else void grid.seek(key).then(grid.reveal);
    });
  return {
    guard,
    closeDialog: close,
    /** From the keyboard, the value field takes focus: the user opened the record to edit it. */
    openKey: (key: string, fromKeyboard = false) => {
      if (key !== editor.state.target?.key) open({ ...namespace, key }, fromKeyboard);
    },
    selectNamespace: (next: Namespace) =>
      guard(() => {
        setNamespace(next);
        if (!sameNamespace(next, namespace)) editor.close();
      }),
    newRecord: () => setDialog({ kind: 'new', draft: blankRecord(namespace) }),
    newRecordDraft,
    /** Both work on the record as stored: unsaved edits are asked about first. */
    duplicate: () => {
      const target = editor.state.target;
      if (target !== undefined) guard(() => setDialog({ kind: 'duplicate', target }));
    },
    rename: () => {
      const target = editor.state.target;
      if (target !== undefined) guard(() => setDialog({ kind: 'rename', target }));
    },
    takeTheirs: () => {
      const key = editor.state.target?.key ?? '';
      if (editor.takeTheirs() !== 'deleted') return;
      notify(`${visibleKey(key)} was deleted in the store`);
      grid.refresh();
    },
    openAnywhere,
    created: (target: OpenTarget) => {
      endings.succeeded(`Created ${visibleKey(target.key)}`);
      openAnywhere(target);
    },
    renamed: (target: OpenTarget) => {
      editor.open(target);
      endings.succeeded(`Renamed to ${visibleKey(target.key)}`);
    },
    addSamples: async () => {
      try {
        for (const sample of sampleRecords(namespace)) await client.call('record.write', sample);
        endings.succeeded('Added sample records');
      } catch (error) {
        endings.failed(error);
      }
    },
  };
}

export type RecordCommands = ReturnType<typeof useRecordCommands>;
