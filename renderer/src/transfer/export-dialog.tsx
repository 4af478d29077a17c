import { useId } from 'react';
import { Dialog } from '../shared/dialog.js';
import { formatBytes, formatCount, formatElapsed, plural } from '../shared/format.js';
import {
  type ExportChoice,
  type ExportContext,
  exportOptions,
  TABLE_FORMATS,
  type TableFormat,
} from './export-scope.js';
import { ProgressBar } from './progress-bar.js';
import { SaveTargetField } from './save-target-field.js';
import { percentDone, recordsProgressText } from './task-progress.js';
import { type ExportState, useExport } from './use-export.js';

interface ExportDialogProps {
  context: ExportContext;
  /** The scope to start from (the bulk bar's Export: the selection). */
  initial: ExportChoice | undefined;
  onClose: () => void;
}

/** Export the table, the filtered records, the selection or the whole store, in a chosen format, to a file. */
export function ExportDialog({ context, initial, onClose }: ExportDialogProps) {
  const exporter = useExport(context, initial);
  const { choice, task, phase } = exporter;
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
          void exporter.run();
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
        <SaveTargetField label="Save to file" save={exporter.save} disabled={task.running} />
        <div aria-live="polite">
          <ExportStatus exporter={exporter} expected={expected} />
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
            <button type="submit" form={formId} className="primary" disabled={!exporter.save.ready}>
              Export
            </button>
          </>
        )}
      </footer>
    </Dialog>
  );
}

function ExportStatus({ exporter, expected }: { exporter: ExportState; expected: number | undefined }) {
  const { phase, task } = exporter;
  switch (phase.step) {
    case 'choose':
      return null;
    case 'exporting':
      return (
        <ProgressBar
          label="Exporting"
          percent={percentDone(task.progress, expected)}
          text={recordsProgressText(task.progress, expected)}
        />
      );
    case 'done':
      return (
        <section className="transfer-report" aria-label="Export result">
          <h3>Exported {plural(phase.result.records, 'record')}</h3>
          <p>
            {phase.result.download === null ? 'to' : 'downloaded as'} <code className="path">{phase.result.name}</code>{' '}
            ({formatBytes(phase.result.bytes)}, in {formatElapsed(phase.result.ms)})
          </p>
        </section>
      );
    case 'problem':
      return (
        <div className="problem" role="alert">
          <h3>The export failed</h3>
          <p>{phase.message}</p>
        </div>
      );
    case 'cancelled':
      return <p className="notice">Export cancelled: no file was written.</p>;
  }
}
