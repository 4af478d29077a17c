import { useId, useState } from 'react';
import type { Filter } from '../../../electron/api/contract/schemas.js';
import { formatCount } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';
import type { Delimiter } from './key-level.js';
import { useBranchCounts } from './use-branch-counts.js';
import { useKeyLevel } from './use-key-level.js';
import './key-tree.css';

interface KeyTreeProps {
  namespace: Namespace;
  /** The grid's filter: the tree lists and counts the same records. */
  filter: Filter;
  onPickPrefix: (prefix: string) => void;
  onOpenKey: (key: string) => void;
}

/** Keys grouped by the delimiter the user types, with a count per branch; a branch filters the grid, a key opens. */
export function KeyTree(props: KeyTreeProps) {
  const [open, setOpen] = useState(false);
  const [delimiter, setDelimiter] = useState<Delimiter>('/');
  const filtered = Object.keys(props.filter).length > 0;
  const choices = useId();
  return (
    <section className="key-tree" aria-label="Key tree">
      <div className="key-tree-header">
        <button type="button" className="disclosure" aria-expanded={open} onClick={() => setOpen(!open)}>
          Key tree
        </button>
        {open && (
          <label className="key-tree-delimiter">
            <span>Delimiter</span>
            <input
              value={delimiter}
              size={3}
              maxLength={8}
              spellCheck={false}
              list={choices}
              onChange={(event) => setDelimiter(event.target.value)}
            />
            <datalist id={choices}>
              {['/', ':', '::', '.', '-', '_', '|'].map((choice) => (
                <option key={choice} value={choice} />
              ))}
            </datalist>
          </label>
        )}
      </div>
      {open && filtered && <p className="note key-tree-note">Showing what the filters match</p>}
      {open && delimiter === '' && <p className="note key-tree-note">Type a delimiter to group keys by</p>}
      {open && delimiter !== '' && <Level {...props} prefix="" delimiter={delimiter} />}
    </section>
  );
}

interface LevelProps extends KeyTreeProps {
  prefix: string;
  delimiter: Delimiter;
}

function Level({ prefix, delimiter, ...props }: LevelProps) {
  const level = useKeyLevel(props.namespace, prefix, delimiter, props.filter);
  const counts = useBranchCounts(props.namespace, level?.branches, props.filter);
  if (level === undefined) return <p className="note key-tree-note">Loading…</p>;
  return (
    <ul className="key-level">
      {level.branches.map((branch) => (
        <Branch
          key={branch}
          branch={branch}
          count={counts.get(branch)}
          prefix={prefix}
          delimiter={delimiter}
          {...props}
        />
      ))}
      {level.leaves.map((key) => (
        <li key={key}>
          <button type="button" className="key-leaf" title={key} onClick={() => props.onOpenKey(key)}>
            {key.slice(prefix.length) || key}
          </button>
        </li>
      ))}
      {level.branches.length + level.leaves.length === 0 && <li className="note key-tree-note">No keys</li>}
      {level.more && <li className="note key-tree-note">More keys: use the filters</li>}
    </ul>
  );
}

interface BranchProps extends LevelProps {
  branch: string;
  /** Its live records; undefined while being counted. */
  count: number | undefined;
}

function Branch({ branch, count, prefix, ...props }: BranchProps) {
  const [expanded, setExpanded] = useState(false);
  return (
    <li>
      <div className="key-branch">
        <button
          type="button"
          className="disclosure"
          aria-expanded={expanded}
          aria-label={`Expand ${branch}`}
          onClick={() => setExpanded(!expanded)}
        />
        <button
          type="button"
          className="branch-name"
          title={`Filter by ${branch}`}
          onClick={() => props.onPickPrefix(branch)}
        >
          {branch.slice(prefix.length)}
        </button>
        <span className="branch-count">{count === undefined ? '…' : formatCount(count)}</span>
      </div>
      {expanded && <Level {...props} prefix={branch} />}
    </li>
  );
}
