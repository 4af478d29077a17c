import type { Ref } from 'react';
import { BulkBar } from '../bulk/bulk-bar.js';
import { FilterBar } from '../filters/filter-bar.js';
import type { FilterState } from '../filters/use-filter-draft.js';
import { EmptyState } from '../grid/empty-state.js';
import { RecordGrid } from '../grid/record-grid.js';
import type { SortOrder } from '../grid/record-query.js';
import type { GridSelection } from '../grid/use-grid-selection.js';
import type { RecordWindowState } from '../grid/use-record-window.js';
import type { Namespace } from '../shared/namespace.js';
import type { BulkCommands } from './bulk-commands.js';
import type { RecordCommands } from './record-commands.js';

interface RecordsPaneProps {
  namespace: Namespace;
  readOnly: boolean;
  filters: FilterState;
  records: RecordWindowState;
  selection: GridSelection;
  order: SortOrder;
  onOrderChange: (order: SortOrder) => void;
  openKey: string | undefined;
  containsRef: Ref<HTMLInputElement>;
  gridRef: Ref<HTMLDivElement>;
  commands: RecordCommands;
  bulkCommands: BulkCommands;
}

/** The middle of the window: the table's name, the filters, the bulk actions and the grid (or why it is empty). */
export function RecordsPane(props: RecordsPaneProps) {
  const { namespace, readOnly, filters, records, selection, order, onOrderChange, openKey } = props;
  const { containsRef, gridRef, commands, bulkCommands } = props;
  const selectedCount = selection.selection.all ? records.total : selection.selection.keys.size;
  const empty = records.total === 0 && !records.loading && !records.counting;
  return (
    <main className="records-pane" aria-label={`Records in ${namespace.database} / ${namespace.table}`}>
      <header className="records-header">
        <h1>
          {namespace.database} <span className="muted">/</span> {namespace.table}
        </h1>
        <button
          type="button"
          className="primary"
          disabled={readOnly}
          onClick={commands.newRecord}
          aria-keyshortcuts="Control+N"
        >
          New record
        </button>
      </header>
      <FilterBar
        filters={filters}
        matching={records.total}
        counting={records.counting}
        containsRef={containsRef}
        readOnly={readOnly}
        onDeleteMatching={bulkCommands.deleteMatching}
      />
      {selectedCount > 1 && (
        <BulkBar
          count={selectedCount}
          allMatching={selection.selection.all}
          readOnly={readOnly}
          onDelete={bulkCommands.deleteSelected}
          onSetTtl={bulkCommands.setTtl}
          onRemoveTtl={() => void bulkCommands.removeTtl()}
          onClear={selection.clear}
        />
      )}
      {empty ? (
        <EmptyState
          filtering={filters.active}
          readOnly={readOnly}
          onAddSamples={() => void commands.addSamples()}
          onNewRecord={commands.newRecord}
          onClearFilters={filters.clear}
        />
      ) : (
        <RecordGrid
          gridRef={gridRef}
          records={records}
          selection={selection}
          order={order}
          onToggleOrder={() => onOrderChange(order === 'asc' ? 'desc' : 'asc')}
          openKey={openKey}
          onOpen={commands.openKey}
          onDelete={() => !readOnly && bulkCommands.deleteSelected()}
        />
      )}
    </main>
  );
}
