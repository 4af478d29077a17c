import { useState } from 'react';
import { useClient } from '../app/client-context.js';
import { formatCount, plural } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';
import type { TableFiguresValue } from './use-table-figures.js';

interface TableFiguresProps {
  /** undefined while there are none (or none apply: see useTableFigures). */
  figures: TableFiguresValue | undefined;
  namespace: Namespace;
}

const SOURCES = { chosen: 'chosen in the URL', detected: 'detected', default: 'default for an empty bucket' } as const;

/**
 * What the backend tells of the table on screen beside its pages (`table.figures`): where an exact count
 * costs a scan (Postgres, MySQL), the server's estimate as "~N" with the exact count on demand; for a NATS
 * bucket, how its keys are written and how that was decided.
 */
export function TableFigures({ figures: value, namespace }: TableFiguresProps) {
  return (
    <>
      {value?.estimatedCount != null && <TableEstimate namespace={namespace} estimate={value.estimatedCount} />}
      {value?.keyEncoding != null && (
        <span title={`Key encoding: ${SOURCES[value.keyEncoding.source]}`}>
          Keys: {value.keyEncoding.encoding} ({value.keyEncoding.source})
        </span>
      )}
    </>
  );
}

/** "~N in table", and the exact count once asked for (it scans the table: only when the user wants it). */
function TableEstimate({ namespace, estimate }: { namespace: Namespace; estimate: number }) {
  const client = useClient();
  const key = JSON.stringify(namespace);
  const [exact, setExact] = useState<{ key: string; count: number | 'counting' }>();
  const shown = exact?.key === key ? exact.count : undefined;
  const countExactly = () => {
    setExact({ key, count: 'counting' });
    client.call('records.count', { ...namespace }).then(
      (count) => setExact({ key, count }),
      () => setExact(undefined),
    );
  };
  if (typeof shown === 'number') return <span>{plural(shown, 'record')} in this table</span>;
  return (
    <span className="table-estimate">
      <span title="The server's estimate, read from its catalog without counting">
        ~{formatCount(estimate)} in this table
      </span>{' '}
      <button type="button" className="link" disabled={shown === 'counting'} onClick={countExactly}>
        {shown === 'counting' ? 'Counting…' : 'Count exactly'}
      </button>
    </span>
  );
}
