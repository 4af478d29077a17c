import type { StoreInfoDto } from '../../../electron/api/contract/schemas.js';
import { formatBytes, formatCount } from '../shared/format.js';
import './status-bar.css';

/** The open file, how many records it holds, its size, and whether it may be written. */
export function StatusBar({ info }: { info: StoreInfoDto | null | undefined }) {
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
            <span>
              {formatCount(info.records)} {info.records === 1 ? 'record' : 'records'}
            </span>
            <span>{formatBytes(info.fileSize)}</span>
            {info.readOnly && <span className="badge">Read-only</span>}
          </>
        )}
      </div>
    </footer>
  );
}
