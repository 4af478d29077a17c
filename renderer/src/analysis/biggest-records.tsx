import type { TableAnalysisDto } from '../../../electron/api/contract/analysis-schemas.js';
import { formatBytes, formatTimestamp } from '../ui/format.js';

/** The biggest values, each a button that opens its record. */
export function BiggestRecords({
  biggest,
  sampled,
  onOpen,
}: {
  biggest: TableAnalysisDto['biggest'];
  sampled: boolean;
  onOpen: (key: string) => void;
}) {
  return (
    <section className="analysis-figure" aria-labelledby="analysis-biggest">
      <h2 id="analysis-biggest">Biggest records{sampled ? ' in the sample' : ''}</h2>
      <table className="analysis-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Value size</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {biggest.map((record) => (
            <tr key={record.key}>
              <th scope="row">
                <button
                  type="button"
                  className="analysis-link analysis-key"
                  aria-label={`Open ${record.key}`}
                  onClick={() => onOpen(record.key)}
                >
                  {record.key}
                </button>
              </th>
              <td>{formatBytes(record.size)}</td>
              <td>{record.expiresAt === null ? 'never' : formatTimestamp(record.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
