import { formatCount } from '../shared/format.js';
import './bulk.css';

interface BulkBarProps {
  count: number;
  allMatching: boolean;
  readOnly: boolean;
  onDelete: () => void;
  onSetTtl: () => void;
  onRemoveTtl: () => void;
  onClear: () => void;
}

/** Actions on the selected records, shown while more than one is selected. */
export function BulkBar({ count, allMatching, readOnly, onDelete, onSetTtl, onRemoveTtl, onClear }: BulkBarProps) {
  const why = readOnly ? 'The store is open read-only' : undefined;
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected records">
      <span className="bulk-count">
        {formatCount(count)} selected{allMatching ? ' (all matching)' : ''}
      </span>
      <button type="button" className="danger-text" disabled={readOnly} title={why} onClick={onDelete}>
        Delete selected…
      </button>
      <button type="button" disabled={readOnly} title={why} onClick={onSetTtl}>
        Set TTL…
      </button>
      <button type="button" disabled={readOnly} title={why} onClick={onRemoveTtl}>
        Remove TTL
      </button>
      <button type="button" disabled title="Export arrives with import and export in a later version">
        Export
      </button>
      <span className="note">export comes later</span>
      <button type="button" className="link bulk-clear" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
