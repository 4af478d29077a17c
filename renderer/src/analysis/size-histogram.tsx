import type { TableAnalysisDto } from '../../../electron/api/contract/analysis-schemas.js';
import { formatBytes, formatCount } from '../ui/format.js';
import { sizeRangeLabel } from './analysis-labels.js';

const WIDTH = 600;
const HEIGHT = 160;
const LABEL = 16;

/** Value sizes as bars (one per size range), and the same figures as a table. */
export function SizeHistogram({ sizes }: { sizes: TableAnalysisDto['sizes'] }) {
  const most = Math.max(1, ...sizes.map((bucket) => bucket.records));
  const slot = WIDTH / sizes.length;
  return (
    <section className="analysis-figure" aria-labelledby="analysis-sizes">
      <h2 id="analysis-sizes">Value sizes</h2>
      <svg className="analysis-bars" viewBox={`0 0 ${WIDTH} ${HEIGHT + LABEL}`} aria-hidden="true">
        {sizes.map((bucket, index) => {
          const height = (bucket.records / most) * HEIGHT;
          return (
            <g key={bucket.from}>
              <rect
                className="analysis-bar"
                x={index * slot + 2}
                y={HEIGHT - height}
                width={slot - 4}
                height={height}
              />
              <text className="analysis-axis" x={index * slot + slot / 2} y={HEIGHT + LABEL - 3} textAnchor="middle">
                {formatBytes(bucket.from)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="analysis-table">
        <caption className="visually-hidden">Records by value size</caption>
        <thead>
          <tr>
            <th scope="col">Value size</th>
            <th scope="col">Records</th>
            <th scope="col">Bytes</th>
          </tr>
        </thead>
        <tbody>
          {sizes
            .filter((bucket) => bucket.records > 0)
            .map((bucket) => (
              <tr key={bucket.from}>
                <th scope="row">{sizeRangeLabel(bucket.from, bucket.to)}</th>
                <td>{formatCount(bucket.records)}</td>
                <td>{formatBytes(bucket.bytes)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
