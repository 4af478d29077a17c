/**
 * The file format, version by version. docs/file-format.md explains every table, column and
 * trigger; keep the two in step. Triggers (not our code) keep the per-table counts and the change
 * log right, so any program that writes the documented tables stays correct.
 */
import { INITIAL_SCHEMA } from './migrations/001-initial.js';
import { BOUNDED_BOOKKEEPING } from './migrations/002-bounded-bookkeeping.js';
import { METADATA_VALUES } from './migrations/003-metadata-values.js';
import { SORT_INDEXES } from './migrations/004-sort-indexes.js';
import { VALUE_INDEX } from './migrations/005-value-index.js';
import { INDEX_PENDING } from './migrations/006-index-pending.js';
import { STALE_MARKS } from './migrations/007-stale-marks.js';

export const APPLICATION_MARKER = 'store-inspector';

/** Each entry migrates from version `index` to `index + 1`; one file per migration in migrations/. */
export const MIGRATIONS: readonly string[] = [
  INITIAL_SCHEMA,
  BOUNDED_BOOKKEEPING,
  METADATA_VALUES,
  SORT_INDEXES,
  VALUE_INDEX,
  INDEX_PENDING,
  STALE_MARKS,
];
export const SCHEMA_VERSION = MIGRATIONS.length;
