import { useState } from 'react';
import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import { useClient } from '../app/client-context.js';
import { failureNotice } from '../ui/api-error.js';
import { Dialog } from '../ui/dialog.js';
import { formatCount } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';
import { useCall } from '../ui/use-call.js';

interface PagingIndexNoticeProps {
  info: OpenedStoreInfoDto | null | undefined;
  namespace: Namespace;
  /** The server's estimate of the table's rows (`table.figures`): how many every page sorts without the index. */
  estimatedCount: number | null | undefined;
}

/**
 * Below this many rows a page sorts its table in a few ms (docs/benchmarks.md): no notice. At 1M rows the sort
 * costs about 0.3 s (Postgres) to 1.5 s (MySQL) a page.
 */
const SLOW_FROM = 50_000;

type Adding = { state: 'asking' } | { state: 'adding' } | { state: 'failed'; message: string };

/**
 * A server table whose key-ordered pages sort every row, for want of an index (docs/backends.md, "Paging
 * index"): says so, and offers the exact statement, run on the server only once the user confirms it.
 */
export function PagingIndexNotice({ info, namespace, estimatedCount }: PagingIndexNoticeProps) {
  const client = useClient();
  const applies = info != null && info.kind !== 'sqlite' && info.kind !== 'gomicro';
  // Asked only of a table large enough for the notice to show: most tables never need the call.
  const large = (estimatedCount ?? 0) >= SLOW_FROM;
  const plan = useCall('table.pagingIndex', applies && large ? namespace : null);
  const [adding, setAdding] = useState<Adding>();
  const [added, setAdded] = useState<{ key: string; ms: number }>();
  const key = JSON.stringify(namespace);
  const value = plan.fresh ? plan.value : undefined;
  if (added?.key === key) return <span>Key-order index added ({formatCount(added.ms)} ms)</span>;
  if (value == null || value.statement === null || !large) return null;
  const statement = value.statement;
  const add = () => {
    setAdding({ state: 'adding' });
    client.call('table.addPagingIndex', { ...namespace, statement }).then(
      ({ ms }) => {
        setAdding(undefined);
        setAdded({ key, ms });
        plan.reload();
      },
      (error: unknown) => {
        const message = failureNotice(error);
        setAdding(message === undefined ? undefined : { state: 'failed', message });
      },
    );
  };
  return (
    <span className="paging-index-notice">
      Paging this table in key order sorts all its rows{' '}
      <button type="button" className="link" onClick={() => setAdding({ state: 'asking' })}>
        Add an index…
      </button>
      {adding !== undefined && (
        <Dialog title="Add an index for key order" onClose={() => adding.state !== 'adding' && setAdding(undefined)}>
          <div className="dialog-body">
            <p>
              Without an index on the key in byte order, every page of this table (~
              {formatCount(estimatedCount ?? 0)} rows) sorts all of them on the server. This statement adds one:
            </p>
            <pre className="paging-index-statement">{statement}</pre>
            <p>
              It changes the service's schema (an index, and on MySQL a virtual column), never what go-micro reads or
              writes. Building it reads the whole table once.
            </p>
            {!value.canAdd && <p>The store is open read-only: run it on the server yourself.</p>}
            {adding.state === 'failed' && <p role="alert">{adding.message}</p>}
          </div>
          <footer className="dialog-actions">
            <button type="button" disabled={adding.state === 'adding'} onClick={() => setAdding(undefined)}>
              {value.canAdd ? 'Cancel' : 'Close'}
            </button>
            {value.canAdd && (
              <button
                type="button"
                className="primary"
                data-autofocus
                disabled={adding.state === 'adding'}
                onClick={add}
              >
                {adding.state === 'adding' ? 'Adding…' : 'Run it on the server'}
              </button>
            )}
          </footer>
        </Dialog>
      )}
    </span>
  );
}
