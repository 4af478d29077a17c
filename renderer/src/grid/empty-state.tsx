import './empty-state.css';

interface EmptyStateProps {
  filtering: boolean;
  readOnly: boolean;
  onAddSamples: () => void;
  onNewRecord: () => void;
  onClearFilters: () => void;
  onImport: () => void;
}

/** What an empty grid says: nothing matches the filters, or the table has no records yet. */
export function EmptyState(props: EmptyStateProps) {
  const { filtering, readOnly, onAddSamples, onNewRecord, onClearFilters, onImport } = props;
  if (filtering)
    return (
      <div className="empty-state">
        <h2>No records match the filters</h2>
        <button type="button" onClick={onClearFilters}>
          Clear filters
        </button>
      </div>
    );
  return (
    <div className="empty-state">
      <h2>This table has no records yet</h2>
      <p>Write some from your service, or start here.</p>
      <div className="empty-actions">
        <button type="button" className="primary" disabled={readOnly} onClick={onAddSamples}>
          Add sample records
        </button>
        <button type="button" disabled={readOnly} onClick={onNewRecord}>
          New record
        </button>
        <button type="button" disabled={readOnly} onClick={onImport}>
          Import…
        </button>
      </div>
      <p className="note">Or drop a records file (JSON array, JSON lines, store dump) on the window.</p>
      {readOnly && <p className="note">The store is open read-only.</p>}
    </div>
  );
}
