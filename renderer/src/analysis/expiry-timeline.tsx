import type { ExpiryBucketName, TableAnalysisDto } from '../../../electron/api/contract/analysis-schemas.js';
import { formatCount } from '../ui/format.js';
import { EXPIRY_LABELS, expiryShowLabel } from './analysis-labels.js';

const WIDTH = 600;
const ROW = 22;

/** When records expire, from now: a bar per bucket (mouse), a table of buttons (everyone). */
export function ExpiryTimeline({
  expiry,
  onShow,
}: {
  expiry: TableAnalysisDto['expiry'];
  onShow: (bucket: ExpiryBucketName) => void;
}) {
  // Expired records show only when the grid's filter shows them.
  const shown = expiry.filter((bucket) => bucket.bucket !== 'expired' || bucket.records > 0);
  const most = Math.max(1, ...shown.map((bucket) => bucket.records));
  return (
    <section className="analysis-figure" aria-labelledby="analysis-expiry">
      <h2 id="analysis-expiry">Expiry, from now</h2>
      <svg className="analysis-bars" viewBox={`0 0 ${WIDTH} ${shown.length * ROW}`} aria-hidden="true">
        {shown.map((bucket, index) => (
          // biome-ignore lint/a11y/noStaticElementInteractions: the table's buttons are the keyboard's way in.
          <g key={bucket.bucket} className="analysis-tile" onClick={() => onShow(bucket.bucket)}>
            <text className="analysis-axis" x={0} y={index * ROW + 15}>
              {EXPIRY_LABELS[bucket.bucket]}
            </text>
            <rect
              className="analysis-bar"
              x={170}
              y={index * ROW + 3}
              width={Math.max(bucket.records > 0 ? 2 : 0, (bucket.records / most) * (WIDTH - 240))}
              height={ROW - 6}
            />
          </g>
        ))}
      </svg>
      <table className="analysis-table">
        <caption className="visually-hidden">Records by when they expire</caption>
        <thead>
          <tr>
            <th scope="col">Expires</th>
            <th scope="col">Records</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((bucket) => (
            <tr key={bucket.bucket}>
              <th scope="row">
                <button
                  type="button"
                  className="analysis-link"
                  aria-label={expiryShowLabel(bucket.bucket)}
                  onClick={() => onShow(bucket.bucket)}
                >
                  {EXPIRY_LABELS[bucket.bucket]}
                </button>
              </th>
              <td>{formatCount(bucket.records)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
