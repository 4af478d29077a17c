import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import { kindName } from '../connect/store-capabilities.js';
import { formatBytes, plural } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';
import { PagingIndexNotice } from './paging-index-notice.js';
import { readOnlyReason } from './read-only-reason.js';
import { TableFigures } from './table-figures.js';
import { useTableFigures } from './use-table-figures.js';
import './status-bar.css';

/** The open file, how many records it holds, its size, and whether it may be written (and why not). */
interface StatusBarProps {
  info: OpenedStoreInfoDto | null | undefined;
  /** Live records in every table, from the same counts as the sidebar's (the file's info can lag them). */
  records: number | undefined;
  /** The table on screen, for what the backend tells of it (an estimate, a bucket's key encoding). */
  namespace?: Namespace;
}

export function StatusBar({ info, records, namespace }: StatusBarProps) {
  const reason = readOnlyReason(info);
  const figures = useTableFigures(info, namespace);
  return (
    <footer className="status-bar">
      <div role="status" className="status-line">
        {info === undefined && <span>Opening…</span>}
        {info === null && <span>No store open</span>}
        {info && (
          <>
            <span className="status-path" title={info.display}>
              {info.display}
            </span>
            {info.kind !== 'sqlite' && <span>{kindName(info.kind)}</span>}
            <span>
              {info.capabilities.cheapCount ? '' : '~'}
              {plural(records ?? info.records, 'record')} in the store
            </span>
            {namespace !== undefined && <TableFigures figures={figures} namespace={namespace} />}
            {namespace !== undefined && (
              <PagingIndexNotice info={info} namespace={namespace} estimatedCount={figures?.estimatedCount} />
            )}
            {info.fileSize > 0 && <span>{formatBytes(info.fileSize)}</span>}
            {reason !== undefined && (
              <span className="read-only-state">
                <span className="badge">Read-only</span> {reason}
              </span>
            )}
          </>
        )}
      </div>
    </footer>
  );
}
