import type { ReactNode } from 'react';
import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import { type Namespace, sameNamespace } from '../ui/namespace.js';
import { NewTableForm } from './new-table-form.js';
import { tableCountLabel } from './table-count-label.js';
import './sidebar.css';

interface SidebarProps {
  storePath: string | undefined;
  /** Counting is costly on this store: counts are read when listed, not kept live, and shown as "~". */
  approximateCounts?: boolean;
  databases: DatabaseInfoDto[] | undefined;
  selected: Namespace;
  readOnly: boolean;
  onSelect: (namespace: Namespace) => void;
  /** Copies the selected table to another store (the Copy dialog, starting from that table). */
  onCopyTable?: (() => void) | undefined;
  /** Below the tables: another way into the selected table (the key tree). */
  children?: ReactNode;
}

/** The open store, its databases and their tables with live record counts. */
export function Sidebar(props: SidebarProps) {
  const { storePath, databases, selected, readOnly, onSelect, onCopyTable, children } = props;
  const approximateCounts = props.approximateCounts ?? false;
  const fileName = storePath?.split(/[\\/]/).at(-1) ?? 'No store';
  return (
    <nav className="sidebar" aria-label="Databases and tables">
      <h2 className="sidebar-store" title={storePath}>
        {fileName}
      </h2>
      {databases?.length === 0 && <p className="note sidebar-empty">No tables yet.</p>}
      <ul className="database-list">
        {databases?.map((database) => (
          <li key={database.database}>
            <span className="database-name">{database.database}</span>
            <ul className="table-list">
              {database.tables.map(({ table, count, estimated }) => {
                const namespace = { database: database.database, table };
                const current = sameNamespace(namespace, selected);
                return (
                  <li key={table}>
                    <button
                      type="button"
                      className="table-button"
                      aria-current={current ? 'true' : undefined}
                      onClick={() => onSelect(namespace)}
                    >
                      <span className="table-name">{table}</span>
                      <TableCount count={count} estimated={estimated} approximateCounts={approximateCounts} />
                    </button>
                    {current && onCopyTable !== undefined && (
                      <button
                        type="button"
                        className="table-copy"
                        aria-label="Copy the selected table to another store…"
                        title="Copy this table to another store"
                        onClick={onCopyTable}
                      >
                        Copy…
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      <NewTableForm defaultDatabase={selected.database} readOnly={readOnly} onCreated={onSelect} />
      {children}
    </nav>
  );
}

function TableCount(props: { count: number; estimated: boolean | undefined; approximateCounts: boolean }) {
  const { text, title } = tableCountLabel(props.count, props.estimated, props.approximateCounts);
  return (
    <span className="table-count" title={title}>
      {text}
    </span>
  );
}
