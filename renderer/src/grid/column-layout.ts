/**
 * Which grid columns show and how wide they are: the user's choice, kept per app in localStorage
 * (not per store: the columns are the same everywhere).
 */

export const COLUMN_IDS = ['key', 'value', 'size', 'metadata', 'expires', 'updated'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface ColumnSpec {
  id: ColumnId;
  label: string;
  /** The track while the user has not set a width: the value column takes what is left. */
  track: string;
  /** The Key column always shows: a row without it cannot be told apart. */
  required?: boolean;
}

export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'key', label: 'Key', track: 'minmax(120px, 2fr)', required: true },
  { id: 'value', label: 'Value', track: 'minmax(120px, 3fr)' },
  { id: 'size', label: 'Size', track: '64px' },
  { id: 'metadata', label: 'Metadata', track: 'minmax(80px, 1.2fr)' },
  { id: 'expires', label: 'Expires', track: '100px' },
  { id: 'updated', label: 'Updated', track: '92px' },
];

export const MIN_WIDTH = 40;
export const MAX_WIDTH = 1200;

export interface ColumnLayout {
  /** Widths in pixels the user set; a column without one keeps its default track. */
  widths: Partial<Record<ColumnId, number>>;
  hidden: readonly ColumnId[];
}

export const DEFAULT_LAYOUT: ColumnLayout = { widths: {}, hidden: [] };

export const STORAGE_KEY = 'store-inspector.grid-columns';

export function visibleColumns(layout: ColumnLayout): ColumnSpec[] {
  return COLUMNS.filter((column) => !layout.hidden.includes(column.id));
}

/** The CSS grid-template-columns that header and rows share. */
export function columnTemplate(layout: ColumnLayout): string {
  return visibleColumns(layout)
    .map((column) => {
      const width = layout.widths[column.id];
      return width === undefined ? column.track : `${width}px`;
    })
    .join(' ');
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
}

export function setWidth(layout: ColumnLayout, id: ColumnId, width: number): ColumnLayout {
  return { ...layout, widths: { ...layout.widths, [id]: clampWidth(width) } };
}

/** Back to the default track. */
export function resetWidth(layout: ColumnLayout, id: ColumnId): ColumnLayout {
  const { [id]: _, ...widths } = layout.widths;
  return { ...layout, widths };
}

export function toggleColumn(layout: ColumnLayout, id: ColumnId): ColumnLayout {
  if (COLUMNS.find((column) => column.id === id)?.required) return layout;
  const hidden = layout.hidden.includes(id) ? layout.hidden.filter((each) => each !== id) : [...layout.hidden, id];
  return { ...layout, hidden };
}

const isColumnId = (value: unknown): value is ColumnId => COLUMN_IDS.includes(value as ColumnId);

/** A stored layout, keeping what is valid of it: storage can hold anything (an older version, a hand edit). */
export function parseLayout(text: string | null): ColumnLayout {
  if (text === null) return DEFAULT_LAYOUT;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (typeof stored !== 'object' || stored === null) return DEFAULT_LAYOUT;
  const { widths, hidden } = stored as { widths?: unknown; hidden?: unknown };
  const layout: { widths: Partial<Record<ColumnId, number>>; hidden: ColumnId[] } = { widths: {}, hidden: [] };
  if (typeof widths === 'object' && widths !== null) {
    for (const [id, width] of Object.entries(widths)) {
      if (isColumnId(id) && typeof width === 'number' && Number.isFinite(width)) layout.widths[id] = clampWidth(width);
    }
  }
  if (Array.isArray(hidden)) {
    layout.hidden = COLUMN_IDS.filter((id) => hidden.includes(id) && !COLUMNS.find((c) => c.id === id)?.required);
  }
  return layout;
}
