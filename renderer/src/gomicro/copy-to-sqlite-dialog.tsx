import { useId } from 'react';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { Dialog } from '../shared/dialog.js';
import { formatCount, formatElapsed, plural } from '../shared/format.js';
import { ProgressBar } from '../transfer/progress-bar.js';
import { SaveTargetField } from '../transfer/save-target-field.js';
import { percentDone, recordsProgressText } from '../transfer/task-progress.js';
import { type CopyReport, type CopyState, useCopyToSqlite } from './use-copy-to-sqlite.js';

interface CopyToSqliteDialogProps {
  onOpenCopy: (store: FileHandle) => void;
  onClose: () => void;
}

/** Copies the go-micro store into a new Store Inspector store, where it can be edited, and offers to open it. */
export function CopyToSqliteDialog({ onOpenCopy, onClose }: CopyToSqliteDialogProps) {
  const copier = useCopyToSqlite();
  const { task, phase } = copier;
  const formId = useId();
  const close = () => {
    task.cancel();
    onClose();
  };
  return (
    <Dialog title="Copy into a Store Inspector store" onClose={close}>
      <form
        id={formId}
        className="dialog-body transfer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void copier.copy();
        }}
      >
        <p className="note">
          Every database, table and live record goes into a new SQLite store file, which can be edited. The go-micro
          files are left as they are.
        </p>
        <SaveTargetField label="New store file" save={copier.save} disabled={task.running || phase.step === 'done'} />
        <div aria-live="polite">
          <CopyStatus copier={copier} />
        </div>
      </form>
      <footer className="dialog-actions">
        <CopyActions copier={copier} formId={formId} onClose={close} onOpenCopy={onOpenCopy} />
      </footer>
    </Dialog>
  );
}

function CopyStatus({ copier }: { copier: CopyState }) {
  const { phase, task } = copier;
  switch (phase.step) {
    case 'choose':
      return null;
    case 'copying':
      return (
        <ProgressBar label="Copying" percent={percentDone(task.progress)} text={recordsProgressText(task.progress)} />
      );
    case 'done':
      return (
        <section className="transfer-report" aria-label="Copy report">
          <h3>
            Copied {plural(phase.report.records, 'record')} in {formatElapsed(phase.report.ms)}
          </h3>
          <p>
            {formatCount(phase.report.databases)} databases, {formatCount(phase.report.tables)} tables, into{' '}
            <code className="path">{phase.report.name}</code>
            {phase.report.download === null ? '' : ' (downloaded)'}.
            {phase.report.skippedExpired > 0 &&
              ` ${formatCount(phase.report.skippedExpired)} expired records were left behind.`}
          </p>
        </section>
      );
    case 'problem':
      return (
        <div className="problem" role="alert">
          <h3>The copy failed</h3>
          <p>{phase.message}</p>
        </div>
      );
    case 'cancelled':
      return <p className="notice">Copy cancelled: no file was written.</p>;
  }
}

interface CopyActionsProps {
  copier: CopyState;
  formId: string;
  onClose: () => void;
  onOpenCopy: (store: FileHandle) => void;
}

function CopyActions({ copier, formId, onClose, onOpenCopy }: CopyActionsProps) {
  const { task, phase } = copier;
  if (task.running)
    return (
      <button type="button" onClick={task.cancel}>
        Cancel copy
      </button>
    );
  return (
    <>
      <button type="button" onClick={onClose}>
        {phase.step === 'done' ? 'Done' : 'Cancel'}
      </button>
      {phase.step === 'done' ? (
        <OpenCopyButton report={phase.report} onOpenCopy={onOpenCopy} />
      ) : (
        <button type="submit" form={formId} className="primary" disabled={!copier.save.ready}>
          Copy
        </button>
      )}
    </>
  );
}

/** Desktop: the copy opens in place of the go-micro store. Browser mode downloaded it: nothing to open here. */
function OpenCopyButton({ report, onOpenCopy }: { report: CopyReport; onOpenCopy: (store: FileHandle) => void }) {
  const { store } = report;
  if (store === null) return null;
  return (
    <button type="button" className="primary" data-autofocus onClick={() => onOpenCopy(store)}>
      Open the new store
    </button>
  );
}
