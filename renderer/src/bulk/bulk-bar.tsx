import { formatCount } from '../ui/format.js';
import './bulk.css';

interface BulkBarProps {
  count: number;
  allMatching: boolean;
  /** Why the selection cannot be deleted or expired now (read-only, a filter that does not parse): all are off. */
  refusal: string | undefined;
  /** Why the store cannot keep a record's own expiry (NATS KV); the TTL buttons are off with this reason. */
  expiryRefusal?: string | undefined;
  onDelete: () => void;
  onSetTtl: () => void;
  onRemoveTtl: () => void;
  onExport: () => void;
  onClear: () => void;
}

/** Actions on the selected records, shown while more than one is selected. */
export function BulkBar(props: BulkBarProps) {
  const { count, allMatching, refusal: why, onDelete, onSetTtl, onRemoveTtl, onExport, onClear } = props;
  const ttlWhy = why ?? props.expiryRefusal;
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected records">
      <span className="bulk-count">
        {formatCount(count)} selected{allMatching ? ' (all matching)' : ''}
      </span>
      <button type="button" className="danger-text" disabled={why !== undefined} title={why} onClick={onDelete}>
        Delete selected…
      </button>
      <button type="button" disabled={ttlWhy !== undefined} title={ttlWhy} onClick={onSetTtl}>
        Set TTL…
      </button>
      <button type="button" disabled={ttlWhy !== undefined} title={ttlWhy} onClick={onRemoveTtl}>
        Remove TTL
      </button>
      <button type="button" onClick={onExport}>
        Export…
      </button>
      <button type="button" className="link bulk-clear" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
