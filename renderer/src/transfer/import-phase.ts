import type { CallResult } from '../../../electron/api/contract/calls.js';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { formatBytes, formatCount } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';
import { percentDone, ratePerSecond, recordsPerSecond, type TaskProgress } from './task-progress.js';

export type ImportReport = CallResult<'import.preview'>;
export type ConflictPolicy = 'overwrite' | 'skip' | 'fail';

/** What the user chose: the file, where its records go (a dump names its own tables), and what wins. */
export interface ImportForm extends Namespace {
  /** The chosen, dropped or uploaded file; undefined before one is chosen. */
  file: FileHandle | undefined;
  policy: ConflictPolicy;
  /** Into a server: a record it cannot keep whole is imported without that part (what Copy offers too). */
  dropUnkept: boolean;
}

/** Where the import dialog is: nothing read yet, a dry run, its answer, the import, its report. */
export type ImportPhase =
  | { step: 'choose' }
  | { step: 'previewing' }
  | { step: 'previewed'; preview: ImportReport; form: ImportForm }
  | { step: 'problem'; message: string; badFile: boolean }
  | { step: 'importing'; preview: ImportReport }
  | { step: 'done'; report: ImportReport; form: ImportForm }
  | { step: 'cancelled'; during: 'preview' | 'import' };

export const FORMAT_NAMES: Record<string, string> = {
  array: 'JSON record array',
  lines: 'JSON record lines',
  dump: 'Store dump (every database and table)',
};

export const POLICY_LABELS: Record<ConflictPolicy, string> = {
  overwrite: 'Overwrite it',
  skip: 'Keep the existing record (skip)',
  fail: 'Import nothing (fail)',
};

export const isDump = (report: ImportReport) => report.format === 'dump';

/** The preview still describes the form: same file, same target table (a dump ignores the target). */
export function previewIsFresh(
  phase: ImportPhase,
  form: ImportForm,
): phase is Extract<ImportPhase, { step: 'previewed' }> {
  if (phase.step !== 'previewed') return false;
  const seen = phase.form;
  if (seen.file?.id !== form.file?.id) return false;
  return isDump(phase.preview) || (seen.database === form.database && seen.table === form.table);
}

/** What the target cannot keep of the previewed file, each in the wording the import would stop with. */
export const unkeptOf = (preview: ImportReport): string[] => preview.unkept ?? [];

/**
 * Why Import is off: a read-only store, a file with no record in it (importing it would do nothing), or
 * records the target cannot keep whole while the user has not chosen to import them without that part.
 */
export function importRefusal(readOnly: boolean, preview: ImportReport, dropUnkept: boolean): string | undefined {
  if (readOnly) return 'The store is open read-only';
  if (preview.records === 0) return 'The file holds no records';
  const unkept = unkeptOf(preview);
  if (unkept.length > 0 && !dropUnkept) return `${unkept.join('; ')}: choose to import them without it`;
  return undefined;
}

/**
 * "45% · 52,000 records/s": how far, and how fast in records once the preview counted them; while the
 * preview itself reads the file (records unknown) its progress is bytes, so the rate is "38 MB/s".
 */
export function importProgressText(progress: TaskProgress | undefined, records: number | undefined): string {
  if (progress === undefined) return 'Starting…';
  const percent = percentDone(progress);
  const parts = [percent === undefined ? 'Starting…' : `${percent}%`];
  const rate = rateText(progress, records);
  if (rate !== undefined) parts.push(rate);
  return parts.join(' · ');
}

function rateText(progress: TaskProgress, records: number | undefined): string | undefined {
  if (records === undefined) {
    const bytes = ratePerSecond(progress);
    return bytes === undefined ? undefined : `${formatBytes(Math.round(bytes))}/s`;
  }
  const rate = recordsPerSecond(progress, records);
  return rate === undefined ? undefined : `${formatCount(Math.round(rate))} records/s`;
}
