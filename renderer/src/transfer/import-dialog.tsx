import { useId } from 'react';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { Dialog } from '../ui/dialog.js';
import { plural } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';
import { FileField } from './file-field.js';
import {
  type ImportForm,
  type ImportReport,
  importProgressText,
  importRefusal,
  isDump,
  unkeptOf,
} from './import-phase.js';
import { ImportPreview } from './import-preview.js';
import { ImportReport as ReportView } from './import-report.js';
import { PolicyField } from './policy-field.js';
import { ProgressBar } from './progress-bar.js';
import { TargetFields } from './target-fields.js';
import { percentDone } from './task-progress.js';
import { type ImportState, useImport } from './use-import.js';

interface ImportDialogProps {
  namespace: Namespace;
  readOnly: boolean;
  /** A file dropped on the window, already granted (desktop) or uploaded (browser mode). */
  dropped: FileHandle | undefined;
  onShowRecords: (report: ImportReport, form: ImportForm) => void;
  onClose: () => void;
}

/** Import a records file: choose it, see what it holds, pick the policy, watch it go, read the report. */
export function ImportDialog({ namespace, readOnly, dropped, onShowRecords, onClose }: ImportDialogProps) {
  const importer = useImport(namespace, dropped);
  const { form, phase, task } = importer;
  const formId = useId();
  const dump = (phase.step === 'previewed' && isDump(phase.preview)) || (phase.step === 'done' && isDump(phase.report));
  const close = () => {
    task.cancel();
    onClose();
  };
  return (
    <Dialog title="Import records" onClose={close} wide>
      <form
        id={formId}
        className="dialog-body transfer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void (importer.fresh ? importer.run() : importer.preview());
        }}
      >
        {readOnly && (
          <p className="notice notice-error">The store is open read-only: a file can be previewed, not imported.</p>
        )}
        <FileField
          label="File to import"
          file={form.file}
          empty="No file chosen"
          disabled={task.running}
          onChoose={importer.choose && (() => void importer.choose?.())}
          onPick={importer.pick && ((file) => void importer.pick?.(file))}
        />
        {dump ? (
          <p className="note">A store dump names its own databases and tables.</p>
        ) : (
          <TargetFields value={form} disabled={task.running} onChange={importer.change} />
        )}
        <div aria-live="polite">
          <ImportStatus importer={importer} />
        </div>
        {importer.fresh && <PolicyField value={form.policy} onChange={(policy) => importer.change({ policy })} />}
        <DropUnkeptField importer={importer} />
      </form>
      <footer className="dialog-actions">
        <ImportActions
          importer={importer}
          formId={formId}
          readOnly={readOnly}
          onClose={close}
          onShowRecords={onShowRecords}
        />
      </footer>
    </Dialog>
  );
}

/** Offered once a fresh preview found records the target cannot keep whole: what Copy offers too. */
function DropUnkeptField({ importer }: { importer: ImportState }) {
  const { phase, form } = importer;
  if (phase.step !== 'previewed' || !importer.fresh || unkeptOf(phase.preview).length === 0) return null;
  return (
    <label className="checkbox-label">
      <input
        type="checkbox"
        checked={form.dropUnkept}
        onChange={(event) => importer.change({ dropUnkept: event.target.checked })}
      />
      Import a record the target cannot keep whole (metadata, its own expiry) without that part
    </label>
  );
}

function ImportStatus({ importer }: { importer: ImportState }) {
  const { phase, task, form } = importer;
  switch (phase.step) {
    case 'choose':
      return <p className="note">A JSON record array, JSON record lines (one per line) or a store dump.</p>;
    case 'previewing':
      return (
        <ProgressBar
          label="Reading the file"
          percent={percentDone(task.progress)}
          text={`Reading the file: ${importProgressText(task.progress, undefined)}`}
        />
      );
    case 'previewed':
      return (
        <>
          {!importer.fresh && <p className="note">The file or table changed: preview again.</p>}
          <ImportPreview
            preview={phase.preview}
            target={`${phase.form.database} / ${phase.form.table}`}
            dropUnkept={importer.form.dropUnkept}
          />
        </>
      );
    case 'problem':
      return (
        <div className="problem" role="alert">
          <h3>{phase.badFile ? 'Problems found in the file' : 'The import could not run'}</h3>
          <p>{phase.message}</p>
        </div>
      );
    case 'importing':
      return (
        <ProgressBar
          label="Importing"
          percent={percentDone(task.progress)}
          text={importProgressText(task.progress, phase.preview.records)}
        />
      );
    case 'done':
      return <ReportView report={phase.report} />;
    case 'cancelled':
      return (
        <p className="notice">
          {phase.during === 'import' ? 'Import cancelled: nothing was written.' : 'Preview cancelled.'}
          {form.file === undefined ? '' : ' Preview again to start over.'}
        </p>
      );
  }
}

interface ImportActionsProps {
  importer: ImportState;
  formId: string;
  readOnly: boolean;
  onClose: () => void;
  onShowRecords: ImportDialogProps['onShowRecords'];
}

function ImportActions({ importer, formId, readOnly, onClose, onShowRecords }: ImportActionsProps) {
  const { phase, task, form } = importer;
  if (task.running)
    return (
      <button type="button" onClick={task.cancel}>
        {phase.step === 'importing' ? 'Cancel import' : 'Cancel'}
      </button>
    );
  if (phase.step === 'done')
    return (
      <>
        <button type="button" onClick={onClose}>
          Done
        </button>
        <button
          type="button"
          className="primary"
          data-autofocus
          onClick={() => onShowRecords(phase.report, phase.form)}
        >
          Show the records
        </button>
      </>
    );
  return (
    <>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      {importer.fresh && phase.step === 'previewed' ? (
        <button
          type="submit"
          form={formId}
          className="primary"
          disabled={importRefusal(readOnly, phase.preview, form.dropUnkept) !== undefined}
          title={importRefusal(readOnly, phase.preview, form.dropUnkept)}
        >
          Import {plural(phase.preview.records, 'record')}
        </button>
      ) : (
        <button type="submit" form={formId} className="primary" disabled={form.file === undefined}>
          Preview
        </button>
      )}
    </>
  );
}
