import type { TableAnalysisDto } from '../../../electron/api/contract/analysis-schemas.js';
import { formatBytes, formatCount } from '../ui/format.js';
import { squarify } from './squarify.js';

export type SizeBy = 'records' | 'bytes';
type KeySpace = TableAnalysisDto['keySpace'];
type Part = KeySpace['parts'][number];

const WIDTH = 600;
const HEIGHT = 260;
const SHADES = 6;

interface KeySpaceMapProps {
  keySpace: KeySpace;
  sizeBy: SizeBy;
  /** Filters the grid to keys starting with this prefix. */
  onShow: (prefix: string) => void;
  /** Breaks this branch down one level further. */
  onDrill: (prefix: string) => void;
}

/** What a part is called on screen: its branch below the level, or the keys that end at the level. */
function partName(part: Part, level: string): string {
  return part.prefix === null
    ? `(keys ending at ${level === '' ? 'the top' : level})`
    : part.prefix.slice(level.length);
}

/** The key space of one level as a squarified treemap, and the same parts as a table of buttons. */
export function KeySpaceMap({ keySpace, sizeBy, onShow, onDrill }: KeySpaceMapProps) {
  const { level, parts } = keySpace;
  const tiles = squarify(parts, (part) => part[sizeBy], WIDTH, HEIGHT);
  return (
    <section className="analysis-figure" aria-labelledby="analysis-keyspace">
      <h2 id="analysis-keyspace">Key space {level === '' ? '' : `under ${level}`}</h2>
      {/* The picture is for the eye and the mouse; the table below carries the same parts for everyone. */}
      <svg className="analysis-treemap" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
        {tiles.map((tile, index) => (
          // biome-ignore lint/a11y/noStaticElementInteractions: the table's buttons are the keyboard's way in.
          <g
            key={tile.item.prefix ?? ''}
            className={`analysis-tile analysis-shade-${index % SHADES}`}
            onClick={() => onShow(tile.item.prefix ?? level)}
          >
            <rect x={tile.x} y={tile.y} width={tile.width} height={tile.height} />
            {tile.width > 40 && tile.height > 16 && (
              <text x={tile.x + 4} y={tile.y + 14}>
                {partName(tile.item, level)}
              </text>
            )}
          </g>
        ))}
      </svg>
      <table className="analysis-table">
        <caption className="visually-hidden">Key space parts, sized by {sizeBy}</caption>
        <thead>
          <tr>
            <th scope="col">Prefix</th>
            <th scope="col">Records</th>
            <th scope="col">Bytes</th>
            <th scope="col">
              <span className="visually-hidden">Drill down</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part) => (
            <tr key={part.prefix ?? ''}>
              <th scope="row">
                <button
                  type="button"
                  className="analysis-link"
                  aria-label={`Show ${part.prefix === null ? `keys ending at ${level || 'the top'}` : part.prefix} in the grid`}
                  onClick={() => onShow(part.prefix ?? level)}
                >
                  {partName(part, level)}
                </button>
              </th>
              <td>{formatCount(part.records)}</td>
              <td>{formatBytes(part.bytes)}</td>
              <td>
                {part.prefix !== null && (
                  <button
                    type="button"
                    aria-label={`Break down ${part.prefix}`}
                    onClick={() => part.prefix !== null && onDrill(part.prefix)}
                  >
                    Break down
                  </button>
                )}
              </td>
            </tr>
          ))}
          {keySpace.others !== null && (
            <tr>
              <th scope="row">Others</th>
              <td>{formatCount(keySpace.others.records)}</td>
              <td>{formatBytes(keySpace.others.bytes)}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
