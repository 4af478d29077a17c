import type { ReactNode, Ref } from 'react';
import type { SortColumn } from '../../../electron/common/sort-columns.js';
import { BulkBar } from '../bulk/bulk-bar.js';
import { FilterBar } from '../filters/filter-bar.js';
import type { FilterState } from '../filters/use-filter-draft.js';
import { type GridSort, nextSort } from '../grid/column-sort.js';
import { EmptyState } from '../grid/empty-state.js';
import { RecordGrid } from '../grid/record-grid.js';
import type { GridSelection } from '../grid/use-grid-selection.js';
import type { RecordWindowState } from '../grid/use-record-window.js';
import { useLive } from '../live/live-provider.js';
import { recentKindOf } from '../live/recent-changes.js';
import { ReadOnlyBanner } from '../status/read-only-banner.js';
import type { Namespace } from '../ui/namespace.js';
import type { BulkCommands } from './bulk-commands.js';
import type { RecordCommands } from './record-commands.js';
import type { StoreCommands } from './store-commands.js';

/** Whether the store can be written, why not, and whether it is go-micro's (it can be copied). */
export interface StoreAccess {
  readOnly: boolean;
  /** Why the store is read-only (undefined when it is not). */
  readOnlyReason: string | undefined;
  goMicro: boolean;
  /** Why records here cannot carry their own expiry (NATS KV), in the one wording; undefined when they can. */
  expiryRefusal: string | undefined;
  /** Why records here cannot carry metadata (Redis, MySQL); undefined when they can. */
  metadataRefusal: string | undefined;
  /** Why the grid cannot sort by a column here (capabilities.sortable); undefined when it can. */
  sortRefusal: (column: SortColumn) => string | undefined;
}

/** What the pane's buttons, bars and grid do. */
export type RecordsPaneActions = Pick<RecordCommands, 'newRecord' | 'openKey' | 'addSamples'> &
  Pick<BulkCommands, 'deleteMatching' | 'deleteSelected' | 'setTtl' | 'removeTtl'> &
  Pick<StoreCommands, 'purgeExpired' | 'exportRecords' | 'importFile' | 'copyToSqlite'>;

interface RecordsPaneProps {
  namespace: Namespace;
  access: StoreAccess;
  filters: FilterState;
  records: RecordWindowState;
  selection: GridSelection;
  sort: GridSort;
  onSortChange: (sort: GridSort) => void;
  openKey: string | undefined;
  /** The filters' Contains field (Find focuses it), the grid, and how the grid scrolls a row into view. */
  refs: {
    contains: Ref<HTMLInputElement>;
    grid: Ref<HTMLDivElement>;
    reveal: Ref<(index: number) => void>;
  };
  actions: RecordsPaneActions;
  /** Why the bulk actions cannot act now, on the selection or on everything matching (bulk-commands.ts). */
  refusals: BulkCommands['refusals'];
  /** The table's live count, as the sidebar shows it; undefined while unknown. */
  liveCount: number | undefined;
  /** Below the grid: the Changes panel, when open. */
  children?: ReactNode;
}

/** The middle of the window: the table's name, the filters, the bulk actions and the grid (or why it is empty). */
export function RecordsPane(props: RecordsPaneProps) {
  const { namespace, access, filters, records, selection, sort, onSortChange, openKey, refs, actions } = props;
  const { readOnly, readOnlyReason } = access;
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
          onClick={actions.newRecord}
          aria-keyshortcuts="Control+N"
        >
          New record
        </button>
      </header>
      {readOnlyReason !== undefined && (
        <ReadOnlyBanner reason={readOnlyReason} onCopy={access.goMicro ? actions.copyToSqlite : undefined} />
      )}
      <div className="filter-area">
        <FilterBar
          filters={filters}
          matching={wholeTable ? (props.liveCount ?? 0) : records.total}
          counting={!wholeTable && records.counting}
          containsRef={refs.contains}
          readOnly={readOnly}
          deleteRefusal={props.refusals.matching}
          onDeleteMatching={actions.deleteMatching}
          onPurgeExpired={() => void actions.purgeExpired()}
        />
        {selectedCount > 1 && (
          <BulkBar
            count={selectedCount}
            allMatching={selection.selection.all}
            refusal={props.refusals.selected}
            expiryRefusal={access.expiryRefusal}
            onDelete={actions.deleteSelected}
            onSetTtl={actions.setTtl}
            onRemoveTtl={() => void actions.removeTtl()}
            onExport={() => actions.exportRecords('selection')}
            onClear={selection.clear}
          />
        )}
      </div>
      {empty ? (
        <EmptyState
          filtering={filters.active}
          readOnly={readOnly}
          onAddSamples={() => void actions.addSamples()}
          onNewRecord={actions.newRecord}
          onClearFilters={filters.clear}
          onImport={() => actions.importFile()}
        />
      ) : (
        <RecordGrid
          gridRef={refs.grid}
          revealRef={refs.reveal}
          records={records}
          selection={selection}
          sort={sort}
          onSort={(column) => onSortChange(nextSort(sort, column))}
          sortRefusal={access.sortRefusal}
          openKey={openKey}
          recentChange={(key) => recentKindOf(recent, namespace, key)}
          onOpen={actions.openKey}
          onDelete={actions.deleteSelected}
        />
      )}
      {props.children}
    </main>
  );
}
