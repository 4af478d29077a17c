import { useEffect, useId, useRef, useState } from 'react';
import { COLUMNS, type ColumnLayout, DEFAULT_LAYOUT, toggleColumn } from './column-layout.js';

interface ColumnsMenuProps {
  layout: ColumnLayout;
  onLayout: (change: (layout: ColumnLayout) => ColumnLayout) => void;
}

/** A "Columns" button opening a checkbox per column (Key always shows), and a way back to the defaults. */
export function ColumnsMenu({ layout, onLayout }: ColumnsMenuProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    setOpen(false);
    button.current?.focus();
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the menu closes it.
    <div ref={root} className="columns-menu" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        Columns
      </button>
      {open && (
        <fieldset id={id} className="columns-popover">
          <legend>Columns shown</legend>
          {COLUMNS.map((column) => (
            <label key={column.id}>
              <input
                type="checkbox"
                checked={!layout.hidden.includes(column.id)}
                disabled={column.required}
                onChange={() => onLayout((current) => toggleColumn(current, column.id))}
              />
              {column.label}
            </label>
          ))}
          <button type="button" onClick={() => onLayout(() => DEFAULT_LAYOUT)}>
            Reset columns
          </button>
        </fieldset>
      )}
    </div>
  );
}
