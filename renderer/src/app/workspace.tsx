import { useMemo, useState } from 'react';
import { expiryDraftFor } from '../analysis/analysis-labels.js';
import { AnalysisView } from '../analysis/analysis-view.js';
import { DetailPanel } from '../editor/detail-panel.js';
import { LostDraftDialog } from '../editor/lost-draft-dialog.js';
import { EMPTY_DRAFT } from '../filters/filter-draft.js';
import { KeyTree } from '../filters/key-tree.js';
import { changeListGap } from '../live/change-list-gap.js';
import { ChangesPanel } from '../live/changes-panel.js';
import { StoreSearch } from '../search/store-search.js';
import { ValueHighlightProvider } from '../search/value-highlight.js';
import { Sidebar } from '../sidebar/sidebar.js';
import { AccessRefusedBanner } from '../status/access-refused-banner.js';
import { StatusBar } from '../status/status-bar.js';
import { DropOverlay } from '../transfer/drop-overlay.js';
import { liveCount, tableCount } from '../ui/store-figures.js';
import { ToastMessage } from '../ui/toast-message.js';
import { AppBar } from './app-bar.js';
import { RecordsPane } from './records-pane.js';
import { useWorkspace } from './use-workspace.js';
import { WorkspaceDialogs } from './workspace-dialogs.js';
import './workspace.css';
import { StoreRefusalsProvider } from '../connect/store-refusals.js';

/** The window: tables on the left, records in the middle, the open record on the right, status below. */
export function Workspace() {
  const workspace = useWorkspace();
  const { info, databases, access, refusal, namespace, filters, editor, toast, refs, changes } = workspace;
  const { recordCommands: records, bulkCommands: bulk, storeCommands: store } = workspace;
  const { lost, dismissLost } = workspace.lostDraft;
  const [analysing, setAnalysing] = useState(false);
  const { valueContains, valueCase } = filters.filter;
  const highlight = useMemo(
    () => (valueContains ? { text: valueContains, matchCase: valueCase !== 'insensitive' } : undefined),
    [valueContains, valueCase],
  );
  const { metadataRefusal, expiryRefusal } = access;
  const fieldRefusals = useMemo(
    () => ({ metadata: metadataRefusal, expiry: expiryRefusal }),
    [metadataRefusal, expiryRefusal],
  );
  return (
    <StoreRefusalsProvider value={fieldRefusals}>
      <ValueHighlightProvider value={highlight}>
        <div className="workspace">
          <AppBar
            info={info}
            backTo={store.backTo}
            readOnly={access.readOnly}
            readOnlyReason={access.readOnlyReason}
            changesOpen={changes.open}
            changesId={changes.id}
            onImport={() => store.importFile()}
            onExport={() => store.exportRecords()}
            onOpenGoMicro={store.openGoMicro}
            onOpenConnection={store.openConnection}
            onBackToInitial={store.backToInitial}
            onCopyToSqlite={store.copyToSqlite}
            onCopyToStore={() => store.copyToStore()}
            onToggleChanges={changes.toggle}
            onToggleReadOnly={store.toggleReadOnly}
            analysisOpen={analysing}
            onToggleAnalysis={() => setAnalysing((open) => !open)}
            search={
              <StoreSearch
                databases={databases}
                onJump={({ namespace: table, field, text }) => {
                  setAnalysing(false);
                  records.selectNamespace(table);
                  filters.replace({
                    ...EMPTY_DRAFT,
                    [field]: text,
                    matchCase: field !== 'contains',
                    valueMatchCase: false,
                  });
                }}
              />
            }
          >
            <ToastMessage toast={toast.toast} onDismiss={toast.dismiss} />
          </AppBar>
          {refusal !== undefined && <AccessRefusedBanner reason={refusal} />}
          <Sidebar
            storePath={info?.path}
            approximateCounts={info != null && !info.capabilities.cheapCount}
            databases={databases}
            selected={namespace}
            readOnly={access.readOnly}
            onSelect={records.selectNamespace}
            onCopyTable={info == null ? undefined : () => store.copyToStore('table')}
          >
            <KeyTree
              namespace={namespace}
              filter={filters.filter}
              onPickPrefix={filters.setPrefix}
              onOpenKey={(key) => records.openKey(key)}
            />
          </Sidebar>
          {analysing ? (
            <AnalysisView
              namespace={namespace}
              filter={filters.filter}
              onShowPrefix={(prefix) => {
                filters.setPrefix(prefix);
                setAnalysing(false);
              }}
              onShowExpiry={(bucket) => {
                filters.change(expiryDraftFor(bucket));
                setAnalysing(false);
              }}
              onOpenKey={(key) => {
                setAnalysing(false);
                records.openKey(key);
              }}
              onClose={() => setAnalysing(false)}
            />
          ) : (
            <RecordsPane
              namespace={namespace}
              access={access}
              filters={filters}
              records={workspace.records}
              liveCount={tableCount(databases, namespace)}
              selection={workspace.selection}
              sort={workspace.sort}
              onSortChange={workspace.setSort}
              openKey={editor.state.target?.key}
              refs={refs}
              actions={workspace.paneActions}
              refusals={bulk.refusals}
            >
              {changes.open && (
                <ChangesPanel
                  id={changes.id}
                  gap={changeListGap(info)}
                  onOpen={records.openAnywhere}
                  onClose={changes.close}
                />
              )}
            </RecordsPane>
          )}
          <DetailPanel
            editor={editor}
            readOnly={access.readOnly}
            readOnlyReason={access.readOnlyReason}
            storePath={info?.path}
            onNewRecord={records.newRecord}
            onDuplicate={records.duplicate}
            onRename={records.rename}
            onTakeTheirs={records.takeTheirs}
            onDelete={bulk.deleteOpen}
            onEscape={() => refs.grid.current?.focus()}
          />
          <StatusBar info={info} records={liveCount(databases)} namespace={namespace} />
          <WorkspaceDialogs
            dialog={workspace.dialog}
            sessionReadOnly={info?.sessionReadOnly === true}
            namespace={namespace}
            readOnly={access.readOnly}
            records={records}
            bulk={bulk}
            store={store}
          />
          {lost && (
            // Keyed: the next draft in line is a dialog of its own (its focus, its "copied" line).
            <LostDraftDialog key={lost.id} draft={lost.draft} onClose={dismissLost} />
          )}
          {workspace.dragging && <DropOverlay />}
        </div>
      </ValueHighlightProvider>
    </StoreRefusalsProvider>
  );
}
