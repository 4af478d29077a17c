import type { ReactNode } from 'react';
import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import { neverWritable } from '../connect/store-capabilities.js';
import { ChangesToggle } from '../live/changes-toggle.js';
import { LiveToggle } from '../live/live-toggle.js';

interface AppBarProps {
  info: OpenedStoreInfoDto | null | undefined;
  /** Browser mode: the store serve was started with, while another is open. */
  backTo: string | undefined;
  readOnly: boolean;
  /** Why the store is read-only, for the disabled buttons' titles. */
  readOnlyReason: string | undefined;
  changesOpen: boolean;
  changesId: string;
  onImport: () => void;
  onExport: () => void;
  onOpenGoMicro: () => void;
  onOpenConnection: () => void;
  onBackToInitial: () => void;
  onCopyToSqlite: () => void;
  onCopyToStore: () => void;
  onToggleChanges: () => void;
  onToggleReadOnly: () => void;
  /** The Analysis view in the grid's place (docs/analysis.md). */
  analysisOpen: boolean;
  onToggleAnalysis: () => void;
  /** The whole-store search box (renderer/src/search), after the Store group. */
  search?: ReactNode;
  /** The toast: placed fixed at the window's bottom right by its own CSS (ui/toast.css), not in the bar's row. */
  children?: ReactNode;
}

/** What the File and View menus offer, for browser mode, which has no menus. */
export function AppBar(props: AppBarProps) {
  const { info, readOnly, readOnlyReason, changesOpen, changesId, backTo } = props;
  const kind = info?.kind;
  const fixed = neverWritable(info);
  return (
    <header className="app-bar">
      <div role="toolbar" aria-label="Store" className="app-bar-group">
        <button type="button" disabled={readOnly} title={readOnlyReason} onClick={props.onImport}>
          Import…
        </button>
        <button type="button" disabled={kind === undefined} onClick={props.onExport}>
          Export…
        </button>
        <button type="button" disabled={kind === undefined} onClick={props.onCopyToStore}>
          Copy to another store…
        </button>
        <button type="button" onClick={props.onOpenGoMicro}>
          Open go-micro store…
        </button>
        <button type="button" aria-keyshortcuts="Control+Shift+O" onClick={props.onOpenConnection}>
          Open connection…
        </button>
        {backTo !== undefined && (
          <button type="button" onClick={props.onBackToInitial}>
            Back to {backTo}
          </button>
        )}
        {kind === 'gomicro' && (
          <button type="button" onClick={props.onCopyToSqlite}>
            Copy into a Store Inspector store…
          </button>
        )}
      </div>
      {props.search}
      {props.children}
      <div role="toolbar" aria-label="View" className="app-bar-group">
        <button
          type="button"
          aria-pressed={props.analysisOpen}
          disabled={kind === undefined}
          onClick={props.onToggleAnalysis}
        >
          Analysis
        </button>
        <ChangesToggle open={changesOpen} controls={changesId} onToggle={props.onToggleChanges} />
        <LiveToggle info={info} />
        <button
          type="button"
          aria-pressed={readOnly}
          disabled={info == null || fixed}
          title={fixed ? readOnlyReason : 'Reopen the store read-only, or writable again'}
          onClick={props.onToggleReadOnly}
        >
          Read-only
        </button>
      </div>
    </header>
  );
}
