import type { ReactNode, Ref } from 'react';
import { BulkBar } from '../bulk/bulk-bar.js';
import { FilterBar } from '../filters/filter-bar.js';
import type { FilterState } from '../filters/use-filter-draft.js';
import { EmptyState } from '../grid/empty-state.js';
import { RecordGrid } from '../grid/record-grid.js';
import type { SortOrder } from '../grid/record-query.js';
import type { GridSelection } from '../grid/use-grid-selection.js';
import type { RecordWindowState } from '../grid/use-record-window.js';
import { useLive } from '../live/live-provider.js';
import { recentKindOf } from '../live/recent-changes.js';
import type { Namespace } from '../shared/namespace.js';
import { ReadOnlyBanner } from '../status/read-only-banner.js';
import type { BulkCommands } from './bulk-commands.js';
import type { RecordCommands } from './record-commands.js';
import type { StoreCommands } from './store-commands.js';

interface RecordsPaneProps {
  namespace: Namespace;
  readOnly: boolean;
  /** Why the store is read-only (undefined when it is not). */
  readOnlyReason: string | undefined;
  goMicro: boolean;
  filters: FilterState;
  records: RecordWindowState;
  selection: GridSelection;
  order: SortOrder;
  onOrderChange: (order: SortOrder) => void;
  openKey: string | undefined;
  containsRef: Ref<HTMLInputElement>;
  gridRef: Ref<HTMLDivElement>;
  revealRef: Ref<(index: number) => void>;
  commands: RecordCommands;
  bulkCommands: BulkCommands;
  storeCommands: StoreCommands;
  /** The table's live count, as the sidebar shows it; undefined while unknown. */
  liveCount: number | undefined;
  /** Below the grid: the Changes panel, when open. */
  children?: ReactNode;
}

/** The middle of the window: the table's name, the filters, the bulk actions and the grid (or why it is empty). */
export function RecordsPane(props: RecordsPaneProps) {
  const { namespace, readOnly, readOnlyReason, goMicro } = props;
  const { filters, records, selection, order, onOrderChange, openKey } = props;
  const { containsRef, gridRef, revealRef, commands, bulkCommands, storeCommands, children } = props;
  const recent = useLive('recent');
  const selectedCount = selection.selection.all ? records.total : selection.selection.keys.size;
  const empty = records.total === 0 && !records.loading && !records.counting;
  // Unfiltered, the header shows the table's live count from the same answer as the sidebar and status bar.
  const wholeTable = !filters.active && props.liveCount !== undefined;
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
      {readOnlyReason !== undefined && (
        <ReadOnlyBanner reason={readOnlyReason} onCopy={goMicro ? storeCommands.copyToSqlite : undefined} />
      )}
      <div className="filter-area">
        <FilterBar
          filters={filters}
          matching={wholeTable ? (props.liveCount ?? 0) : records.total}
          counting={!wholeTable && records.counting}
          containsRef={containsRef}
          readOnly={readOnly}
          onDeleteMatching={bulkCommands.deleteMatching}
          onPurgeExpired={() => void storeCommands.purgeExpired()}
        />
        {selectedCount > 1 && (
          <BulkBar
            count={selectedCount}
            allMatching={selection.selection.all}
            readOnly={readOnly}
            onDelete={bulkCommands.deleteSelected}
            onSetTtl={bulkCommands.setTtl}
            onRemoveTtl={() => void bulkCommands.removeTtl()}
            onExport={() => storeCommands.exportRecords('selection')}
            onClear={selection.clear}
          />
        )}
      </div>
      {empty ? (
        <EmptyState
          filtering={filters.active}
          readOnly={readOnly}
          onAddSamples={() => void commands.addSamples()}
          onNewRecord={commands.newRecord}
          onClearFilters={filters.clear}
          onImport={() => storeCommands.importFile()}
        />
      ) : (
        <RecordGrid
          gridRef={gridRef}
          revealRef={revealRef}
          records={records}
          selection={selection}
          order={order}
          onToggleOrder={() => onOrderChange(order === 'asc' ? 'desc' : 'asc')}
          openKey={openKey}
          recentChange={(key) => recentKindOf(recent, namespace, key)}
          onOpen={commands.openKey}
          onDelete={() => !readOnly && bulkCommands.deleteSelected()}
        />
      )}
      {children}
    </main>
  );
}
