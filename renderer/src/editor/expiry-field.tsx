import { useId } from 'react';
import { useFieldRefusals } from '../connect/store-refusals.js';
import { formatGoDuration, parseDuration, parseTtl } from '../ui/duration.js';
import { ExpiryCountdown } from '../ui/expiry-countdown.js';
import { toDateTimeLocal } from '../ui/format.js';
import { EXPIRY_PRESETS, type ExpiryDraft, expirySpecOf, presetDraft } from './expiry-draft.js';

interface ExpiryFieldProps {
  draft: ExpiryDraft;
  onChange: (draft: ExpiryDraft) => void;
  /** The record's expiry as stored; undefined for a record not yet written. */
  current: number | null | undefined;
  readOnly: boolean;
}

/** Presets, a duration in Go's syntax, an instant, or never; with the time left. Off, saying why, where
 * records cannot have their own expiry (NATS KV). */
export function ExpiryField({ draft, onChange, current, readOnly }: ExpiryFieldProps) {
  const id = useId();
  const refusal = useFieldRefusals().expiry;
  const result = expirySpecOf(draft, current ?? null);
  const ttlText = draft.kind === 'ttl' ? draft.text : '';
  return (
    <fieldset
      className="editor-section expiry-field"
      disabled={readOnly || refusal !== undefined}
      aria-describedby={refusal === undefined ? undefined : `${id}-refused`}
    >
      <legend className="section-label">Expiry</legend>
      {refusal !== undefined && (
        <p id={`${id}-refused`} className="note">
          {refusal}
        </p>
      )}
      <p className="expiry-summary">
        <ExpirySummary draft={draft} current={current} />
      </p>
      <div className="expiry-presets">
        {EXPIRY_PRESETS.map((preset) => (
          <button
            key={preset.label}
            type="button"
            aria-pressed={draft.kind === 'ttl' && parseDuration(draft.text) === preset.ms}
            onClick={() => onChange(presetDraft(preset.ms))}
          >
            {preset.label}
          </button>
        ))}
        <button type="button" aria-pressed={draft.kind === 'none'} onClick={() => onChange({ kind: 'none' })}>
          No expiry
        </button>
        {current !== undefined && draft.kind !== 'keep' && (
          <button type="button" className="link" onClick={() => onChange({ kind: 'keep' })}>
            Keep current
          </button>
        )}
      </div>
      <div className="expiry-inputs">
        <label htmlFor={`${id}-ttl`}>Custom duration</label>
        <input
          id={`${id}-ttl`}
          value={ttlText}
          placeholder="90s, 1h30m"
          spellCheck={false}
          aria-invalid={draft.kind === 'ttl' && !result.ok}
          aria-describedby={draft.kind === 'ttl' && !result.ok ? `${id}-error` : undefined}
          onChange={(event) => onChange({ kind: 'ttl', text: event.target.value })}
        />
        <label htmlFor={`${id}-at`}>Expires at</label>
        <input
          id={`${id}-at`}
          type="datetime-local"
          step={1}
          value={instantShown(draft, current)}
          onChange={(event) => onChange({ kind: 'at', local: event.target.value })}
        />
      </div>
      {!result.ok && (
        <p id={`${id}-error`} className="field-error">
          {result.message}
        </p>
      )}
    </fieldset>
  );
}

function ExpirySummary({ draft, current }: { draft: ExpiryDraft; current: number | null | undefined }) {
  if (draft.kind === 'keep')
    return (
      <>
        Expires in: <ExpiryCountdown expiresAt={current ?? null} />
      </>
    );
  if (draft.kind === 'none') return <>Will never expire</>;
  if (draft.kind === 'ttl') {
    const ttl = parseTtl(draft.text);
    return <>{ttl.ok ? `Will expire ${formatGoDuration(ttl.ms)} after saving` : 'Type a duration'}</>;
  }
  const at = new Date(draft.local).getTime();
  return (
    <>
      Will expire in: <ExpiryCountdown expiresAt={Number.isNaN(at) ? null : at} />
    </>
  );
}

/**
 * What "Expires at" shows: the chosen instant, or the record's own while it is kept. Showing is all it
 * does: focus never changes the draft, only typing or picking a date does (issue 11, item 3).
 */
function instantShown(draft: ExpiryDraft, current: number | null | undefined): string {
  if (draft.kind === 'at') return draft.local;
  return draft.kind === 'keep' && typeof current === 'number' ? toDateTimeLocal(current) : '';
}
