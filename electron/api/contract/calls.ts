/**
 * Every call the renderer can make: its name, its argument's schema and its result's schema.
 * main, preload, serve and the renderer all take their types from here; nobody writes a second copy.
 */
import { z } from 'zod';
import { MAX_VALUE_BYTES } from '../../common/record-limits.js';
import { SORT_COLUMNS } from '../../common/sort-columns.js';
import { analyseArgSchema, tableAnalysisSchema } from './analysis-schemas.js';
import { copyReportSchema, openedStoreInfoSchema } from './backend-schemas.js';
import type { CallName } from './call-names.js';
import { connectionCalls } from './connection-schemas.js';
import { copyCalls } from './copy-schemas.js';
import { downloadUrlSchema, fileHandleSchema, fileIdSchema, fileNameSchema } from './file-schemas.js';
import { pagingIndexCalls } from './paging-index-schemas.js';
import {
  base64Schema,
  changeSchema,
  DEFAULT_VALUE_BUDGET,
  databaseInfoSchema,
  expirySpecSchema,
  filterSchema,
  keySchema,
  MAX_KEYS_PER_CALL,
  MAX_PAGE_SIZE,
  metadataSchema,
  namespaceSchema,
  nonEmptyKeySchema,
  recordBytesSchema,
  recordDetailSchema,
  recordSummarySchema,
} from './schemas.js';
import { searchCalls } from './search-schemas.js';
import { tableFiguresSchema } from './table-figures-schemas.js';

interface CallSchema {
  arg: z.ZodType;
  result: z.ZodType;
}

const empty = z.strictObject({});
/** A sort value: bytes, or ms since the epoch. */
const sortValueSchema = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const taskIdSchema = z.string().min(1).max(64);
const conflictPolicySchema = z.enum(['overwrite', 'skip', 'fail']);
const importArg = namespaceSchema
  .extend({
    taskId: taskIdSchema,
    /** A file granted for reading: file.chooseImport, a dropped file, or an upload in browser mode. */
    file: fileIdSchema,
    format: z.enum(['auto', 'array', 'lines', 'dump']).default('auto'),
  })
  .strict();
const importReportSchema = z.object({
  format: z.string(),
  records: z.number().int(),
  written: z.number().int(),
  overwritten: z.number().int(),
  existing: z.number().int(),
  skippedExisting: z.number().int(),
  skippedExpired: z.number().int(),
  tables: z.number().int(),
  dryRun: z.boolean(),
  ms: z.number(),
  /**
   * Importing into a server: records of the file carrying what it cannot keep (metadata on Redis or MySQL, a
   * record's own expiry on NATS KV). The import refuses while any does; never stored without it.
   */
  cannotKeep: z.object({ metadata: z.number().int(), expiry: z.number().int() }).optional(),
  /** Importing into a server: why the import would stop on those records, one line each, as it would say it. */
  unkept: z.array(z.string()).optional(),
  sample: z.array(
    z.object({
      key: z.string(),
      size: z.number().int(),
      preview: z.string(),
      metadata: metadataSchema,
      expiryMs: z.number(),
    }),
  ),
});
const exportScopeSchema = z.discriminatedUnion('kind', [
  namespaceSchema.extend({ kind: z.literal('table'), filter: filterSchema.default({}) }).strict(),
  namespaceSchema
    .extend({ kind: z.literal('selection'), keys: z.array(keySchema).min(1).max(MAX_KEYS_PER_CALL) })
    .strict(),
  z.strictObject({ kind: z.literal('dump') }),
]);
const inTable = <T extends z.ZodRawShape>(shape: T) => namespaceSchema.extend(shape).strict();

export const calls = {
  /**
   * Opens a granted store: a SQLite store file, or a go-micro store folder or bbolt .db file (always read-only:
   * `kind` says which). Grants come from file.chooseGoMicroFolder and store.copyToSqlite.
   */
  'store.open': {
    arg: z.strictObject({ file: fileIdSchema, readOnly: z.boolean().default(false) }),
    result: openedStoreInfoSchema,
  },
  /** Creates a new store at a file granted for writing (file.chooseExport on the desktop). */
  'store.create': { arg: z.strictObject({ file: fileIdSchema }), result: openedStoreInfoSchema },
  'store.close': { arg: empty, result: z.null() },
  /** Opens the open store again, read-only or writable. */
  'store.reopen': { arg: z.strictObject({ readOnly: z.boolean() }), result: openedStoreInfoSchema },
  'store.info': { arg: empty, result: openedStoreInfoSchema.nullable() },
  /**
   * Opens a server by URL (postgres://, postgresql://, redis://, rediss://, nats://, mysql://), closing the open
   * store only once it answered. `password` replaces the URL's (else STORE_INSPECTOR_PASSWORD on the host); it
   * is never logged or returned: `display` masks it. A file path is refused: files open by grant (store.open).
   */
  'store.connect': {
    arg: z.strictObject({
      url: z.string().min(1).max(4096),
      password: z.string().max(4096).optional(),
      readOnly: z.boolean().default(false),
    }),
    result: openedStoreInfoSchema,
  },
  /** Opens again the store this host was started with (serve --store): the way back after store.connect. */
  'store.openInitial': { arg: z.strictObject({ readOnly: z.boolean().default(false) }), result: openedStoreInfoSchema },
  /**
   * Copies the open go-micro store (every database, table and live record; expired ones skipped and counted)
   * into a new SQLite store file granted for writing (`file`, from file.chooseExport): all or nothing, progress
   * as `progress` events, `task.cancel` stops it.
   */
  'store.copyToSqlite': { arg: z.strictObject({ taskId: taskIdSchema, file: fileIdSchema }), result: copyReportSchema },
  'store.databases': { arg: empty, result: z.array(databaseInfoSchema) },
  /** One database's tables with their counts; `not-found` when the backend has no such database. */
  'store.tables': {
    arg: z.strictObject({ database: namespaceSchema.shape.database }),
    result: databaseInfoSchema.shape.tables,
  },
  'table.create': { arg: namespaceSchema, result: z.null() },
  /**
   * `sort` (default key) orders by that column, ties by key the same way; its cursor is `after` (the key)
   * with `afterSort` (the page's `nextSort`: that record's size, expiry or updated ms; null for no expiry).
   * A sort the backend does not list in capabilities.sortable is refused.
   */
  'records.page': {
    arg: inTable({
      filter: filterSchema.default({}),
      order: z.enum(['asc', 'desc']).default('asc'),
      sort: z.enum(SORT_COLUMNS).default('key'),
      after: keySchema.optional(),
      afterSort: sortValueSchema.nullable().optional(),
      limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
      /**
       * A value search no index can narrow stops after about this long and answers `partial`
       * (docs/metadata-queries.md, "Value contains"). Absent: the page is read whole.
       */
      budgetMs: z.number().int().min(1).max(60_000).optional(),
    }).refine(
      (arg) =>
        arg.sort === 'key' || arg.sort === 'expiry' || arg.after === undefined || typeof arg.afterSort === 'number',
      {
        message: "a page sorted by size or updated time after a key needs afterSort (the previous page's nextSort)",
        path: ['afterSort'],
      },
    ),
    result: z.object({
      records: z.array(recordSummarySchema),
      next: z.string().nullable(),
      /** With a sort other than key and a next page: pass it back as afterSort. */
      nextSort: sortValueSchema.nullable().optional(),
      /** The budget ran out first: the matches up to `next` (perhaps none); `next` is where to resume. */
      partial: z.boolean().optional(),
      /**
       * Redis, NATS KV: the table's keys are still being listed; the rows are the first among the `listed` so
       * far, not yet in the table's key order, and `next` is null. Read the page again once counted.
       */
      keysLoading: z.object({ listed: z.number().int().min(0), estimated: z.number().int().min(0) }).optional(),
    }),
  },
  /** `limit`: stop counting there (the answer is exact below it); `before`: count the matching keys before it. */
  'records.count': {
    arg: inTable({
      filter: filterSchema.default({}),
      limit: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
      before: keySchema.optional(),
    }),
    result: z.number().int().min(0),
  },
  'record.get': {
    arg: inTable({
      key: keySchema,
      maxBytes: z
        .number()
        .int()
        .min(0)
        .max(64 * 1024 * 1024)
        .default(DEFAULT_VALUE_BUDGET),
    }),
    result: recordDetailSchema,
  },
  /**
   * What Load all reads: the record with its whole value as bytes (no base64, no JSON), up to the largest value
   * a store takes; the record's revision comes with it, so a save after it still detects a conflict.
   */
  'record.getBytes': {
    arg: inTable({
      key: keySchema,
      maxBytes: z.number().int().min(0).max(MAX_VALUE_BYTES).default(MAX_VALUE_BYTES),
    }),
    result: recordBytesSchema,
  },
  'record.valueChunk': {
    arg: inTable({
      key: keySchema,
      offset: z.number().int().min(0),
      length: z
        .number()
        .int()
        .min(1)
        .max(16 * 1024 * 1024),
    }),
    result: z.object({ value: z.string() }),
  },
  /** Desktop only: asks where, then writes the whole value to that file. null when the user cancels. */
  'record.saveValue': {
    arg: inTable({ key: keySchema }),
    result: z.object({ path: z.string(), bytes: z.number().int().min(0) }).nullable(),
  },
  'record.write': {
    arg: inTable({
      key: nonEmptyKeySchema,
      value: base64Schema,
      metadata: metadataSchema.default({}),
      expiry: expirySpecSchema.default({ kind: 'none' }),
      /** The revision the editor saw; null for a new record. A different current revision is a conflict. */
      expectedRevision: z.string().max(64).nullable(),
    }),
    result: z.object({ revision: z.string() }),
  },
  'records.delete': {
    arg: inTable({ keys: z.array(keySchema).min(1).max(MAX_KEYS_PER_CALL) }),
    result: z.object({ deleted: z.number().int() }),
  },
  'records.deleteMatching': { arg: inTable({ filter: filterSchema }), result: z.object({ deleted: z.number().int() }) },
  'records.setExpiry': {
    arg: inTable({ keys: z.array(keySchema).min(1).max(MAX_KEYS_PER_CALL), expiry: expirySpecSchema }),
    result: z.object({ updated: z.number().int() }),
  },
  'record.rename': { arg: inTable({ from: keySchema, to: nonEmptyKeySchema }), result: z.null() },
  'records.purgeExpired': { arg: empty, result: z.object({ purged: z.number().int() }) },
  /** Desktop: a native open dialog, the chosen file granted for reading; null when cancelled. Browser mode answers `unsupported` (upload the file). */
  'file.chooseImport': { arg: empty, result: fileHandleSchema.nullable() },
  /**
   * Desktop: a native save dialog (it asks before replacing a file), the chosen file granted for writing; null
   * when cancelled. Browser mode: a new file on the server, downloaded when written (`download: true`).
   */
  'file.chooseExport': { arg: z.strictObject({ suggestedName: fileNameSchema }), result: fileHandleSchema.nullable() },
  /** Desktop: a native folder picker, starting at the first known go-micro store location; null when cancelled. */
  'file.chooseGoMicroFolder': { arg: empty, result: fileHandleSchema.nullable() },
  /** Reads and checks a whole records file and reports what importing it would do; writes nothing. */
  'import.preview': { arg: importArg, result: importReportSchema },
  /** Imports a records file: every record or none. Progress arrives as `progress` events for `taskId`. */
  'import.run': {
    arg: importArg
      .extend({
        policy: conflictPolicySchema.default('overwrite'),
        /** Into a server: a record it cannot keep whole is imported without that part (metadata, its expiry). */
        dropUnkept: z.boolean().default(false),
      })
      .strict(),
    result: importReportSchema,
  },
  'export.run': {
    arg: z.strictObject({
      taskId: taskIdSchema,
      /** A file granted for writing (file.chooseExport). */
      file: fileIdSchema,
      format: z.enum(['array', 'lines', 'dump']),
      scope: exportScopeSchema,
    }),
    result: z.object({
      name: z.string(),
      records: z.number().int(),
      bytes: z.number().int(),
      ms: z.number(),
      download: downloadUrlSchema,
    }),
  },
  /** Stops a running import (nothing is written) or export (the partial file is removed). */
  'task.cancel': { arg: z.strictObject({ taskId: taskIdSchema }), result: z.object({ cancelled: z.boolean() }) },
  'changes.since': {
    arg: z.strictObject({ seq: z.number().int().min(0), limit: z.number().int().min(1).max(10_000).default(1_000) }),
    result: z.object({ changes: z.array(changeSchema), latest: z.number().int() }),
  },
  /** An exact copy made in main: value of any size, metadata and expiry; an existing live key is refused. */
  'record.duplicate': { arg: inTable({ from: keySchema, to: nonEmptyKeySchema }), result: z.null() },
  /**
   * Sets the expiry of every record the filter matches, any number, in batches (each its own transaction);
   * progress arrives as `progress` events for `taskId` (done and total in records).
   */
  'records.setExpiryMatching': {
    arg: inTable({ taskId: taskIdSchema, filter: filterSchema, expiry: expirySpecSchema }),
    result: z.object({ updated: z.number().int() }),
  },
  /**
   * How many records match the filter under each prefix (the key tree's branches), in the order given. At most
   * 500 prefixes: a level of the tree shows 100 entries at most.
   */
  'records.countPrefixes': {
    arg: inTable({ prefixes: z.array(keySchema).max(500), filter: filterSchema.default({}) }),
    result: z.array(z.number().int().min(0)),
  },
  /** A picture of the table's matching records (docs/analysis.md); SQLite stores only (`unsupported` otherwise). */
  'table.analyse': { arg: analyseArgSchema, result: tableAnalysisSchema },
  /** The server's row estimate and a bucket's key encoding, where the backend offers them (docs/backends.md). */
  'table.figures': { arg: namespaceSchema, result: tableFiguresSchema },
  ...pagingIndexCalls,
  ...connectionCalls,
  ...copyCalls,
  ...searchCalls,
} as const satisfies Record<CallName, CallSchema>;

export type { CallName };
/** What a caller passes (defaults may be left out). */
export type CallArg<N extends CallName> = z.input<(typeof calls)[N]['arg']>;
/** What a handler receives, after validation filled in defaults. */
export type ValidArg<N extends CallName> = z.output<(typeof calls)[N]['arg']>;
export type CallResult<N extends CallName> = z.output<(typeof calls)[N]['result']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}
