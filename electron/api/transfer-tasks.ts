import type { RequestedFormat } from '../records-json/index.js';
import { expiryNsToMs } from '../records-json/index.js';
import type { ConflictPolicy } from '../store/index.js';
import type { Namespace } from '../store/namespaces.js';
import { storeFiles, writeFileAtomically } from '../transfer/atomic-file.js';
import { type CopyBetweenOptions, type CopyReport, copyBetween } from '../transfer/copy-between.js';
import { type ExportReader, type ExportScope, exportRecords } from '../transfer/export-records.js';
import { type ImportProgress, type ImportReport, importRecords } from '../transfer/import-records.js';
import { type CannotKeep, type ImportTarget, importIntoBackend } from '../transfer/import-to-backend.js';
import type { ApiEvent } from './contract/events.js';
import { copyGoMicroToSqlite } from './copy-to-sqlite.js';
import { castToJsonMetadata } from './dto.js';
import { CancelledError, CodedError } from './errors.js';

const PROGRESS_EVERY_MS = 100;

// Defined with the other errors the api maps (errors.ts); still importable from here, where it is thrown.
export { CancelledError };

export interface ImportTask {
  taskId: string;
  /** The SQLite store file, imported in one transaction; or `target`, an open server's backend. */
  storePath?: string;
  target?: ImportTarget;
  path: string;
  format: RequestedFormat;
  namespace: Namespace;
  policy: ConflictPolicy;
  dryRun: boolean;
  /** Into a server: import a record it cannot keep whole without that part. */
  dropUnkept?: boolean;
}

export interface ExportTask {
  taskId: string;
  /** The store file, read on a connection of its own; or `reader`, an open server's backend. */
  storePath?: string;
  reader?: ExportReader;
  path: string;
  format: 'array' | 'lines' | 'dump';
  scope: ExportScope;
  /** The user chose to replace an existing file (a save dialog's confirmation); otherwise one is refused. */
  overwrite?: boolean;
}

/**
 * Long imports, exports and copies: each runs on a connection of its own (the open store stays usable),
 * reports progress as events at most every 100 ms, and can be cancelled by its task id.
 */
export class TransferTasks {
  private readonly running = new Map<string, AbortController>();
  private imports = 0;

  /**
   * True while an import holds the open store's write lock. Other writes in this process would wait
   * for it synchronously, freezing the event loop: the handlers refuse them at once instead.
   */
  get importing(): boolean {
    return this.imports > 0;
  }

  constructor(private readonly emit: (event: ApiEvent) => void) {}

  async runImport(task: ImportTask) {
    if (!task.dryRun) this.imports++;
    const report = await this.track(task.taskId, (signal, progress) => {
      const options = {
        path: task.path,
        format: task.format,
        namespace: task.namespace,
        policy: task.policy,
        dryRun: task.dryRun,
        signal,
        sampleSize: task.dryRun ? 20 : 0,
        onProgress: ({ bytes, totalBytes }: ImportProgress) => progress(bytes, totalBytes),
      };
      if (task.target !== undefined) {
        return importIntoBackend({ ...options, target: task.target, dropUnkept: task.dropUnkept ?? false });
      }
      if (task.storePath === undefined) throw new TypeError('an import needs a store file or a target');
      return importRecords({ ...options, storePath: task.storePath });
    }).finally(() => {
      if (!task.dryRun) this.imports--;
    });
    return toReportDto(report);
  }

  /** An export lands whole or not at all (see writeFileAtomically). */
  async runExport(task: ExportTask) {
    const report = await this.track(task.taskId, (signal, progress) =>
      writeFileAtomically(
        task.path,
        (out) =>
          exportRecords({
            ...(task.storePath === undefined ? {} : { storePath: task.storePath }),
            ...(task.reader === undefined ? {} : { reader: task.reader }),
            scope: task.scope,
            format: task.format,
            out,
            signal,
            onProgress: (records) => progress(records, null),
          }),
        {
          overwrite: task.overwrite ?? false,
          protectedPaths: task.storePath === undefined ? [] : storeFiles(task.storePath),
        },
      ),
    );
    return { path: task.path, ...report };
  }

  /**
   * Copies into a target it opens itself (transfer/copy-between.ts), with progress; task.cancel stops it.
   * The task is tracked before the target is opened: a cancel while a server is still being reached (a
   * connect can take seconds) is not lost, and the copy then stops before writing anything.
   */
  async runCopy<T extends CopyBetweenOptions['target'] & { close(): Promise<void> }>(
    taskId: string,
    openTarget: () => Promise<T>,
    options: Omit<CopyBetweenOptions, 'signal' | 'onProgress' | 'target'>,
  ): Promise<CopyReport & { targetKind: T['kind'] }> {
    return this.track(taskId, async (signal, progress) => {
      try {
        const target = await openTarget();
        try {
          signal.throwIfAborted();
          const report = await copyBetween({ ...options, target, signal, onProgress: progress });
          return { ...report, targetKind: target.kind };
        } finally {
          await target.close();
        }
      } catch (error) {
        throw cancelFirst(signal, error);
      }
    });
  }

  /** Copies the open go-micro store into a new SQLite store, atomically, with progress. */
  async runCopyToSqlite(task: { taskId: string; sourcePath: string; path: string }) {
    return this.track(task.taskId, (signal, progress) =>
      copyGoMicroToSqlite({ sourcePath: task.sourcePath, path: task.path, signal, onProgress: progress }),
    );
  }

  /** Any other long call that stops when its signal aborts (an analysis); it reports progress itself. */
  runCancellable<T>(taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.track(taskId, (signal) => work(signal));
  }

  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId);
    controller?.abort(new CancelledError());
    return controller !== undefined;
  }

  private async track<T>(
    taskId: string,
    work: (signal: AbortSignal, progress: (done: number, total: number | null) => void) => Promise<T>,
  ): Promise<T> {
    if (this.running.has(taskId)) {
      throw new CodedError(
        'invalid-argument',
        `task ${JSON.stringify(taskId)} is already running: give each task an id of its own`,
      );
    }
    const controller = new AbortController();
    this.running.set(taskId, controller);
    let last = 0;
    const progress = (done: number, total: number | null) => {
      const now = performance.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      this.emit({ type: 'progress', task: taskId, done, total });
    };
    try {
      return await work(controller.signal, progress);
    } finally {
      this.running.delete(taskId);
    }
  }
}

/**
 * A cancel that a server's own failure overtook (a connect waited out to its timeout, a query that was
 * under way) is still the user's cancel; a failure that says what a target without a transaction kept stays
 * as it is, since that is what the user needs to know.
 */
function cancelFirst(signal: AbortSignal, error: unknown): unknown {
  if (!signal.aborted || error === signal.reason) return error;
  const keptSome = error instanceof Error && /\(not atomic: \d+ record\(s\) were written/.test(error.message);
  return keptSome ? error : signal.reason;
}

function toReportDto(report: ImportReport & { cannotKeep?: CannotKeep }) {
  return {
    ...report,
    sample: report.sample.map((record) => ({
      key: record.key,
      size: record.value.length,
      preview: record.value.subarray(0, 256).toString('base64'),
      metadata: castToJsonMetadata(record.metadata),
      // As the import will store it: rounded up (1 ns is not "never"), negative is already expired.
      expiryMs: record.expiryNs !== null && record.expiryNs < 0n ? -1 : expiryNsToMs(record.expiryNs),
    })),
  };
}
