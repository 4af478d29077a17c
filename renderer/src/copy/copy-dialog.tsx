import { useEffect, useId, useRef } from 'react';
import { PlaceFields } from '../connect/place-fields.js';
import { RememberedLists } from '../connect/remembered-lists.js';
import { TestOutcome } from '../connect/test-outcome.js';
import { useSavedConnections } from '../connect/use-saved-connections.js';
import { PolicyField } from '../transfer/policy-field.js';
import { ProgressBar } from '../transfer/progress-bar.js';
import { percentDone, recordsProgressText } from '../transfer/task-progress.js';
import { Dialog } from '../ui/dialog.js';
import { formatCount } from '../ui/format.js';
import {
  COPY_POLICY_LABELS,
  type CopyChoice,
  type CopySource,
  cancelledText,
  copyScopeOptions,
  namesTable,
  refusedText,
  targetLosses,
  targetName,
} from './copy-plan.js';
import { CopyReportView } from './copy-report.js';
import { type CopyState, useCopy } from './use-copy.js';
import '../connect/connect.css';
import '../transfer/transfer.css';
import './copy.css';

interface CopyDialogProps {
  source: CopySource;
  /** What to copy first; else the filter when one is set, else the table. */
  initial: CopyChoice | undefined;
  /** After a copy into the open store's own server, what is shown may have changed. */
  onCopied: () => void;
  onClose: () => void;
}

/**
 * Copy to another store: what to copy from the open store, the target server (typed, saved or recent, tested
 * as Open connection tests it) and where in it, the options, then the copy with progress, Cancel, and the
 * report of what was copied, skipped, and what the target could not keep.
 */
export function CopyDialog({ source, initial, onCopied, onClose }: CopyDialogProps) {
  const copy = useCopy(source, initial);
  const saved = useSavedConnections();
  const formId = useId();
  const ids = { url: useId(), password: useId(), urlHint: useId() };
  const { form, phase } = copy;
  const running = phase.step === 'running';
  const tested = form.test.phase === 'ok' ? form.test.result : undefined;
  const target = targetName(copy.target, copy.saved?.name, tested?.display);
  const close = () => {
    copy.cancel();
    // However the dialog is left after a copy, what the window shows is read again (the target may be it).
    if (phase.step === 'done') onCopied();
    onClose();
  };
  const options = copyScopeOptions(source);
  const expected = options.find((option) => option.choice === copy.choice)?.count;
  return (
    <Dialog title="Copy to another store" onClose={close} wide>
      <div className="connect-layout">
        <form
          id={formId}
          className="dialog-body transfer-form connect-form copy-form"
          onSubmit={(event) => {
            event.preventDefault();
            void copy.start();
          }}
        >
          <fieldset className="choice-field" disabled={running}>
            <legend>Copy from {source.display}</legend>
            {options.map((option) => (
              <label key={option.choice}>
                <input
                  type="radio"
                  name="copy-scope"
                  checked={copy.choice === option.choice}
                  onChange={() => copy.setChoice(option.choice)}
                />
                {option.label}
                {option.count !== undefined && <span className="muted"> ({formatCount(option.count)})</span>}
              </label>
            ))}
          </fieldset>
          <fieldset disabled={running}>
            <legend>Copy into</legend>
            <label htmlFor={ids.url}>Target server URL</label>
            <input
              id={ids.url}
              data-autofocus
              value={form.draft.url}
              spellCheck={false}
              autoComplete="off"
              placeholder="postgres://user@127.0.0.1:5432/database"
              aria-describedby={ids.urlHint}
              onChange={(event) => copy.setUrl(event.target.value)}
            />
            <p id={ids.urlHint} className="note">
              {copy.saved === undefined
                ? 'postgres://, redis://, nats:// or mysql://, or a connection from the list.'
                : `The saved connection ${copy.saved.name}${copy.saved.hasPassword ? ', with the password kept for it' : ''}.`}
            </p>
            <label htmlFor={ids.password}>Password</label>
            <input
              id={ids.password}
              type="password"
              value={form.draft.password}
              autoComplete="off"
              onChange={(event) => form.update({ password: event.target.value })}
            />
            <div className="connect-test">
              <button type="button" disabled={form.test.phase === 'testing'} onClick={() => void form.runTest()}>
                Test connection
              </button>
              <TestOutcome test={form.test} />
            </div>
            <PlaceFields
              draft={form.draft}
              test={form.test}
              onChange={form.update}
              typed={{
                database: copy.choice === 'all' ? 'Into database (blank: the same names)' : 'Into database',
                table: namesTable(copy.choice) ? 'Into table' : undefined,
              }}
            />
          </fieldset>
          <fieldset disabled={running}>
            <legend>Options</legend>
            <PolicyField value={copy.policy} onChange={copy.setPolicy} labels={COPY_POLICY_LABELS} />
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={copy.dropLosses}
                onChange={(event) => copy.setDropLosses(event.target.checked)}
              />
              Copy a record the target cannot keep whole (metadata, its own expiry) without that part
            </label>
            <LossNotice copy={copy} source={source} />
          </fieldset>
          <div aria-live="polite">
            <CopyStatus copy={copy} target={target} expected={expected} />
          </div>
        </form>
        <RememberedLists
          recent={copy.recent}
          saved={saved.items}
          initialStore={undefined}
          onFill={(entry) => copy.chooseConnection(entry)}
          onOpenSaved={(item) => copy.chooseConnection(item, item)}
          onForget={(item) => void saved.forget(item)}
          onBackToInitial={() => undefined}
        />
      </div>
      <footer className="dialog-actions">
        <CopyActions copy={copy} formId={formId} onClose={close} />
      </footer>
    </Dialog>
  );
}

/** Before the copy: what the tested target cannot keep of what these records may carry, in its one wording. */
function LossNotice({ copy, source }: { copy: CopyState; source: CopySource }) {
  const { test } = copy.form;
  if (test.phase !== 'ok') return null;
  const losses = targetLosses(source, test.result);
  if (losses.length === 0) return null;
  return (
    <p className="note">
      {losses.join('; ')}:{' '}
      {copy.dropLosses
        ? 'such records are copied without it, and counted in the report.'
        : 'a record carrying it stops the copy before anything is written.'}
    </p>
  );
}

function CopyStatus({ copy, target, expected }: { copy: CopyState; target: string; expected: number | undefined }) {
  const { phase } = copy;
  switch (phase.step) {
    case 'form':
      return null;
    case 'running':
      return (
        <ProgressBar
          label="Copying"
          percent={percentDone(copy.progress, expected)}
          text={recordsProgressText(copy.progress, expected)}
        />
      );
    case 'done':
      return <CopyReportView report={phase.report} />;
    case 'refused':
      return (
        <div className="problem" role="alert">
          <h3>Nothing was copied: the target cannot keep every record whole</h3>
          <p>{refusedText(phase.message)}</p>
          <p>Copy them without what it cannot keep, or choose another target.</p>
        </div>
      );
    case 'problem':
      return (
        <div className="problem" role="alert">
          <h3>{phase.problem.heading}</h3>
          <p>{phase.problem.detail}</p>
        </div>
      );
    case 'cancelled':
      return (
        <div className="notice" role="status">
          <h3>Copy cancelled</h3>
          <p>{cancelledText(phase.message, target)}</p>
        </div>
      );
  }
}

interface CopyActionsProps {
  copy: CopyState;
  formId: string;
  /** Cancels a running copy, reads the window again after a finished one, and closes. */
  onClose: () => void;
}

function CopyActions({ copy, formId, onClose }: CopyActionsProps) {
  const { phase } = copy;
  if (phase.step === 'running') {
    return (
      <button type="button" onClick={copy.cancel}>
        Cancel copy
      </button>
    );
  }
  if (phase.step === 'done') {
    return <DoneButton onClose={onClose} />;
  }
  return (
    <>
      <button type="button" onClick={onClose}>
        Close
      </button>
      {phase.step === 'refused' && !copy.dropLosses && (
        <button type="button" onClick={() => void copy.start(true)}>
          Copy without what it cannot keep
        </button>
      )}
      <button type="submit" form={formId} className="primary">
        Start copy
      </button>
    </>
  );
}

/** Shown when the copy ends: focus moves to it, since the button that had it (Cancel copy) is gone. */
function DoneButton({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <button ref={ref} type="button" className="primary" onClick={onClose}>
      Done
    </button>
  );
}
