import { useState } from 'react';
import type { ChangeDto } from '../../../electron/api/contract/schemas.js';
import { formatCount, formatTimestamp } from '../ui/format.js';
import { KeyText } from '../ui/key-text.js';
import {
  type ChangeFilter,
  goneNow,
  KIND_LABELS,
  type KindChoice,
  NO_CHANGE_FILTER,
  visibleChanges,
} from './change-log.js';
import { useLive } from './live-provider.js';
import './live.css';

/** Rows drawn at most: the newest; the filter reaches the rest. */
const SHOWN = 200;

const KIND_CHOICES: { value: KindChoice; label: string }[] = [
  { value: 'any', label: 'Any change' },
  { value: 'create', label: 'Created' },
  { value: 'update', label: 'Updated' },
  { value: 'delete', label: 'Deleted' },
  { value: 'expired', label: 'Expired' },
];

interface ChangesPanelProps {
  id: string;
  /** Why changes are not listed one by one here (change-list-gap.ts), or undefined where they are. */
  gap: string | undefined;
  onOpen: (change: ChangeDto) => void;
  onClose: () => void;
}

/** What changed in the store since the window opened, newest first, filterable; each entry opens its record. */
export function ChangesPanel({ id, gap, onOpen, onClose }: ChangesPanelProps) {
  const log = useLive('log');
  const [filter, setFilter] = useState<ChangeFilter>(NO_CHANGE_FILTER);
  const shown = visibleChanges(log, filter, SHOWN);
  const gone = goneNow(log.changes);
  const change = (patch: Partial<ChangeFilter>) => setFilter((current) => ({ ...current, ...patch }));
  return (
    <section id={id} className="changes-panel" aria-label="Changes">
      <header className="changes-header">
        <h2>Changes</h2>
        <span className="muted">
          {formatCount(log.changes.length)} since the window opened
          {log.unlisted > 0 && ` (${formatCount(log.unlisted)} more not listed)`}
        </span>
        <label className="filter-field">
          <span>Changed key contains</span>
          <input type="search" value={filter.text} onChange={(event) => change({ text: event.target.value })} />
        </label>
        <label className="filter-field">
          <span>Kind</span>
          <select value={filter.kind} onChange={(event) => change({ kind: event.target.value as KindChoice })}>
            {KIND_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="icon-button" aria-label="Close the changes" onClick={onClose}>
          ×
        </button>
      </header>
      {gap !== undefined && <p className="note">{gap}</p>}
      {gap === undefined && shown.length === 0 && (
        <p className="note">{log.changes.length === 0 ? 'No changes yet.' : 'No changes match the filter.'}</p>
      )}
      {shown.length > 0 && (
        <div className="changes-scroller">
          <table className="changes-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Table</th>
                <th scope="col">Key</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <ChangeRow key={entry.seq} change={entry} gone={gone(entry)} onOpen={onOpen} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface ChangeRowProps {
  change: ChangeDto;
  /** The record is gone now (deleted or expired, maybe after this entry): opening it says so. */
  gone: boolean;
  onOpen: (change: ChangeDto) => void;
}

function ChangeRow({ change, gone, onOpen }: ChangeRowProps) {
  const time = formatTimestamp(change.at);
  return (
    <tr className={gone ? 'is-gone' : undefined}>
      <td className="change-time" title={time}>
        {time.slice(11)}
      </td>
      <td>
        {change.database} / {change.table}
      </td>
      <td>
        <button type="button" className="link change-key" onClick={() => onOpen(change)}>
          <KeyText value={change.key} />
        </button>
        {gone && <span className="gone-tag">gone</span>}
      </td>
      <td>
        <span className={`change-kind kind-${change.kind}`}>{KIND_LABELS[change.kind]}</span>
      </td>
    </tr>
  );
}
