import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import type { BulkTarget } from '../bulk/bulk-target.js';
import type { CopyChoice, CopySource } from '../copy/copy-plan.js';
import type { OpenTarget } from '../editor/editor-state.js';
import type { NewRecordDraft } from '../editor/new-record-draft.js';
import type { ExportChoice, ExportContext } from '../transfer/export-scope.js';

/** The one dialog the workspace may show at a time. */
export type WorkspaceDialog =
  /** `draft`: the blank form it opens with; the form as typed is the dialog's own. */
  | { kind: 'new'; draft: NewRecordDraft }
  | { kind: 'rename'; target: OpenTarget }
  | { kind: 'duplicate'; target: OpenTarget }
  | { kind: 'delete'; target: BulkTarget; count: number; what: string }
  | { kind: 'set-ttl'; target: BulkTarget; count: number }
  | { kind: 'discard'; key: string; proceed: () => void }
  /** `dropped`: a file dropped on the window, already granted (desktop) or uploaded (browser mode). */
  | { kind: 'import'; dropped: FileHandle | undefined }
  | { kind: 'export'; context: ExportContext; choice: ExportChoice | undefined }
  | { kind: 'open-gomicro' }
  | { kind: 'open-connection' }
  | { kind: 'copy-to-sqlite' }
  /** `choice`: what to copy first (the sidebar's table: the table, not the filter). */
  | { kind: 'copy-to-store'; source: CopySource; choice: CopyChoice | undefined }
  | { kind: 'purge'; count: number };
