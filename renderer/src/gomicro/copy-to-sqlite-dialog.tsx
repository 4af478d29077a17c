import { useId } from 'react';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { FileTaskStatus } from '../transfer/file-task-status.js';
import { SaveTargetField } from '../transfer/save-target-field.js';
import type { FileTask } from '../transfer/use-file-task.js';
import { Dialog } from '../ui/dialog.js';
import { formatCount, formatElapsed, plural } from '../ui/format.js';
import { type CopyReport, useCopyToSqlite } from './use-copy-to-sqlite.js';

interface CopyToSqliteDialogProps {
  onOpenCopy: (store: FileHandle) => void;
  onClose: () => void;
}

/** Copies the go-micro store into a new Store Inspector store, where it can be edited, and offers to open it. */
export function CopyToSqliteDialog({ onOpenCopy, onClose }: CopyToSqliteDialogProps) {
  const copier = useCopyToSqlite();
  const { phase } = copier;
  const formId = useId();
  const close = () => {
    copier.cancel();
    onClose();
  };
  return (
    <Dialog title="Copy into a Store Inspector store" onClose={close}>
      <form
        id={formId}
        className="dialog-body transfer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void copier.run();
        }}
      >
        <p className="note">
          Every database, table and live record goes into a new SQLite store file, which can be edited. The go-micro
          files are left as they are.
        </p>
        <SaveTargetField label="New store file" save={copier.save} disabled={copier.running || phase.step === 'done'} />
        <div aria-live="polite">
          <FileTaskStatus
            phase={phase}
            progress={copier.progress}
            runningLabel="Copying"
            noun="copy"
            report={(report) => <CopyReportView report={report} />}
          />
        </div>
      </form>
      <footer className="dialog-actions">
        <CopyActions copier={copier} formId={formId} onClose={close} onOpenCopy={onOpenCopy} />
      </footer>
    </Dialog>
  );
}

function CopyReportView({ report }: { report: CopyReport }) {
  return (
    <section className="transfer-report" aria-label="Copy report">
      <h3>
        Copied {plural(report.records, 'record')} in {formatElapsed(report.ms)}
      </h3>
      <p>
        {formatCount(report.databases)} databases, {formatCount(report.tables)} tables, into{' '}
        <code className="path">{report.name}</code>
        {report.download === null ? '' : ' (downloaded)'}.
        {report.skippedExpired > 0 && ` ${formatCount(report.skippedExpired)} expired records were left behind.`}
      </p>
    </section>
  );
}

interface CopyActionsProps {
  copier: FileTask<CopyReport>;
  formId: string;
  onClose: () => void;
  onOpenCopy: (store: FileHandle) => void;
}

function CopyActions({ copier, formId, onClose, onOpenCopy }: CopyActionsProps) {
  const { phase } = copier;
  if (copier.running)
    return (
      <button type="button" onClick={copier.cancel}>
        Cancel copy
      </button>
    );
  return (
    <>
      <button type="button" onClick={onClose}>
        {phase.step === 'done' ? 'Done' : 'Cancel'}
      </button>
      {phase.step === 'done' ? (
        <OpenCopyButton report={phase.result} onOpenCopy={onOpenCopy} />
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
