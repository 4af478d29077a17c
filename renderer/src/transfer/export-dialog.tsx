import { useId } from 'react';
import { Dialog } from '../ui/dialog.js';
import { formatBytes, formatCount, formatElapsed, plural } from '../ui/format.js';
import {
  type ExportChoice,
  type ExportContext,
  type ExportResult,
  exportOptions,
  TABLE_FORMATS,
  type TableFormat,
} from './export-scope.js';
import { FileTaskStatus } from './file-task-status.js';
import { SaveTargetField } from './save-target-field.js';
import { useExport } from './use-export.js';

interface ExportDialogProps {
  context: ExportContext;
  /** The scope to start from (the bulk bar's Export: the selection). */
  initial: ExportChoice | undefined;
  onClose: () => void;
}

/** Export the table, the filtered records, the selection or the whole store, in a chosen format, to a file. */
export function ExportDialog({ context, initial, onClose }: ExportDialogProps) {
  const exporter = useExport(context, initial);
  const { choice, task } = exporter;
  const { phase } = task;
  const formId = useId();
  const options = exportOptions(context);
  const expected = options.find((option) => option.choice === choice)?.count;
  const close = () => {
    task.cancel();
    onClose();
  };
  return (
    <Dialog title="Export records" onClose={close}>
      <form
        id={formId}
        className="dialog-body transfer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void task.run();
        }}
      >
        <fieldset className="choice-field" disabled={task.running}>
          <legend>Export</legend>
          {options.map((option) => (
            <label key={option.choice}>
              <input
                type="radio"
                name="export-scope"
                checked={choice === option.choice}
                onChange={() => exporter.setChoice(option.choice as ExportChoice)}
              />
              {option.label}
              {option.count !== undefined && <span className="muted"> ({formatCount(option.count)})</span>}
            </label>
          ))}
        </fieldset>
        {choice === 'dump' ? (
          <p className="note">A store dump: one record per line with its database and table.</p>
        ) : (
          <label className="stacked-label">
            Format
            <select
              value={exporter.tableFormat}
              disabled={task.running}
              onChange={(event) => exporter.setTableFormat(event.target.value as TableFormat)}
            >
              {TABLE_FORMATS.map((format) => (
                <option key={format.value} value={format.value}>
                  {format.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <SaveTargetField label="Save to file" save={task.save} disabled={task.running} />
        <div aria-live="polite">
          <FileTaskStatus
            phase={phase}
            progress={task.progress}
            expected={expected}
            runningLabel="Exporting"
            noun="export"
            report={(result) => <ExportReport result={result} />}
          />
        </div>
      </form>
      <footer className="dialog-actions">
        {task.running ? (
          <button type="button" onClick={task.cancel}>
            Cancel export
          </button>
        ) : (
          <>
            <button type="button" onClick={close}>
              {phase.step === 'done' ? 'Done' : 'Cancel'}
            </button>
            <button type="submit" form={formId} className="primary" disabled={!task.save.ready}>
              Export
            </button>
          </>
        )}
      </footer>
    </Dialog>
  );
}

function ExportReport({ result }: { result: ExportResult }) {
  return (
    <section className="transfer-report" aria-label="Export result">
      <h3>Exported {plural(result.records, 'record')}</h3>
      <p>
        {result.download === null ? 'to' : 'downloaded as'} <code className="path">{result.name}</code> (
        {formatBytes(result.bytes)}, in {formatElapsed(result.ms)})
      </p>
    </section>
  );
}
