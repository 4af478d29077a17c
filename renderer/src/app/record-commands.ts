import type { OpenTarget } from '../editor/editor-state.js';
import { blankRecord } from '../editor/new-record-draft.js';
import { sampleRecords } from '../grid/sample-records.js';
import { type Namespace, sameNamespace } from '../shared/namespace.js';
import { visibleKey } from '../shared/visible-key.js';
import { outcomes, type WorkspaceParts } from './workspace-parts.js';

/** Opening, creating, duplicating and renaming records; unsaved edits are never dropped without asking. */
export function recordCommands(parts: WorkspaceParts) {
  const { editor, setDialog } = parts;
  const { done, failed } = outcomes(parts);
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
      if (!sameNamespace({ database, table }, parts.namespace)) parts.setNamespace({ database, table });
      else void parts.records.seek(key).then(parts.revealRow);
    });
  return {
    guard,
    closeDialog: close,
    /** From the keyboard, the value field takes focus: the user opened the record to edit it. */
    openKey: (key: string, fromKeyboard = false) => {
      if (key !== editor.state.target?.key) open({ ...parts.namespace, key }, fromKeyboard);
    },
    selectNamespace: (namespace: Namespace) =>
      guard(() => {
        parts.setNamespace(namespace);
        if (!sameNamespace(namespace, parts.namespace)) editor.close();
      }),
    newRecord: () => setDialog({ kind: 'new', draft: blankRecord(parts.namespace) }),
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
      parts.notify(`${visibleKey(key)} was deleted in the store`);
      parts.records.refresh();
    },
    openAnywhere,
    created: (target: OpenTarget) => {
      done(`Created ${visibleKey(target.key)}`);
      openAnywhere(target);
    },
    renamed: (target: OpenTarget) => {
      editor.open(target);
      done(`Renamed to ${visibleKey(target.key)}`);
    },
    addSamples: async () => {
      try {
        for (const sample of sampleRecords(parts.namespace)) await parts.client.call('record.write', sample);
        done('Added sample records');
      } catch (error) {
        failed(error);
      }
    },
  };
}

export type RecordCommands = ReturnType<typeof recordCommands>;
