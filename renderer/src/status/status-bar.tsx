import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import { formatBytes, formatCount } from '../shared/format.js';
import { readOnlyReason } from './read-only-reason.js';
import './status-bar.css';

/** The open file, how many records it holds, its size, and whether it may be written (and why not). */
export function StatusBar({ info }: { info: OpenedStoreInfoDto | null | undefined }) {
  const reason = readOnlyReason(info);
  return (
    <footer className="status-bar">
      <div role="status" className="status-line">
        {info === undefined && <span>Opening…</span>}
        {info === null && <span>No store open</span>}
        {info && (
          <>
            <span className="status-path" title={info.path}>
              {info.path}
            </span>
            {info.kind === 'gomicro' && <span>go-micro file store</span>}
            <span>
              {formatCount(info.records)} {info.records === 1 ? 'record' : 'records'}
            </span>
            <span>{formatBytes(info.fileSize)}</span>
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
