import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import type { RequestedFormat } from '../records-json/index.js';
import type { ConflictPolicy } from '../store/index.js';
import type { Namespace } from '../store/namespaces.js';
import { type ExportScope, exportRecords } from '../transfer/export-records.js';
import { type ImportReport, importRecords } from '../transfer/import-records.js';
import type { ApiEvent } from './contract/events.js';
import { asJson } from './dto.js';

const PROGRESS_EVERY_MS = 100;

/** The user stopped the task: an import wrote nothing, an export left no file. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled: nothing was written');
    this.name = 'CancelledError';
  }
}

export interface ImportTask {
  taskId: string;
  storePath: string;
  path: string;
  format: RequestedFormat;
  namespace: Namespace;
  policy: ConflictPolicy;
  dryRun: boolean;
}

export interface ExportTask {
  taskId: string;
  storePath: string;
  path: string;
  format: 'array' | 'lines' | 'dump';
  scope: ExportScope;
}

/**
 * Long imports and exports: each runs on a connection of its own (the open store stays usable),
 * reports progress as events at most every 100 ms, and can be cancelled by its task id.
 */
export class TransferTasks {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly emit: (event: ApiEvent) => void) {}

  async runImport(task: ImportTask) {
    const totalBytes = statSync(task.path).size;
    const report = await this.track(task.taskId, (signal, progress) =>
      importRecords({
        storePath: task.storePath,
        input: createReadStream(task.path),
        totalBytes,
        format: task.format,
        namespace: task.namespace,
        policy: task.policy,
        dryRun: task.dryRun,
        signal,
        sampleSize: task.dryRun ? 20 : 0,
        onProgress: ({ bytes }) => progress(bytes, totalBytes),
      }),
    );
    return toReportDto(report);
  }

  /** Writes to a temporary file renamed at the end: a cancelled or failed export leaves no half file. */
  async runExport(task: ExportTask) {
    const temporary = `${task.path}.partial-${process.pid}`;
    try {
      const report = await this.track(task.taskId, (signal, progress) =>
        exportRecords({
          storePath: task.storePath,
          scope: task.scope,
          format: task.format,
          out: createWriteStream(temporary),
          signal,
          onProgress: (records) => progress(records, null),
        }),
      );
      renameSync(temporary, task.path);
      return { path: task.path, ...report };
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
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
    if (this.running.has(taskId)) throw new Error(`task ${taskId} is already running`);
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

function toReportDto(report: ImportReport) {
  return {
    ...report,
    sample: report.sample.map((record) => ({
      key: record.key,
      size: record.value.length,
      preview: record.value.subarray(0, 256).toString('base64'),
      metadata: asJson(record.metadata),
      expiryMs: record.expiryNs === null ? 0 : Number(record.expiryNs / 1_000_000n),
    })),
  };
}
