/**
 * Shapes added with the go-micro backend: which kind of store is open, and what copying one into a SQLite
 * store reports. Kept apart from schemas.ts, whose shapes every transport already relies on.
 */
import { z } from 'zod';
import { SORT_COLUMNS } from '../../common/sort-columns.js';
import { downloadUrlSchema, fileHandleSchema } from './file-schemas.js';
import { storeInfoSchema } from './schemas.js';

/** Every backend the app opens (common/backend-refusals.ts names them). */
export const storeKindSchema = z.enum(['sqlite', 'gomicro', 'postgres', 'redis', 'nats', 'mysql']);

/** What the open backend can do (backends/backend.ts, BackendCapabilities): the page asks these. */
export const capabilitiesSchema = z.object({
  reading: z.literal(true),
  editing: z.boolean(),
  perRecordExpiry: z.boolean(),
  metadata: z.boolean(),
  liveChanges: z.enum(['events', 'polling', 'none']),
  cheapCount: z.boolean(),
  orderedPaging: z.boolean(),
  listsTables: z.boolean(),
  /** Columns a page may be sorted by; absent: key order only. */
  sortable: z.array(z.enum(SORT_COLUMNS)).readonly().optional(),
});

/** Why the open store refuses each thing it cannot do, in the one wording the errors use too. */
export const refusalsSchema = z.object({
  editing: z.string().optional(),
  metadata: z.string().optional(),
  perRecordExpiry: z.string().optional(),
});

/**
 * store.info and friends: the store's figures plus its kind, how to show it (`display`: a path, or a URL with
 * its password masked; never the password), what it can do and why not.
 */
export const openedStoreInfoSchema = storeInfoSchema.extend({
  kind: storeKindSchema,
  display: z.string(),
  capabilities: capabilitiesSchema,
  refusals: refusalsSchema,
  /**
   * Browser mode: the store serve was started with, as shown (the way back, "Back to"), known by the host so a
   * tab loaded after another store was opened still offers it.
   */
  initialStore: z.string().optional(),
  /** Every store this session opens is read-only (serve or the app started with --read-only). */
  sessionReadOnly: z.boolean().optional(),
});

/** What any answer about a backend says of it: its kind, display, capabilities and refusals. */
export const backendShape = openedStoreInfoSchema.pick({
  kind: true,
  display: true,
  capabilities: true,
  refusals: true,
}).shape;

const countSchema = z.number().int().min(0);

export const copyReportSchema = z.object({
  /** The new store's file name. */
  name: z.string(),
  databases: countSchema,
  tables: countSchema,
  records: countSchema,
  skippedExpired: countSchema,
  ms: z.number(),
  /** Desktop: a handle that opens the copy (store.open); null in browser mode. */
  store: fileHandleSchema.nullable(),
  /** Browser mode: where the new store file can be downloaded. */
  download: downloadUrlSchema,
});

export type OpenedStoreInfoDto = z.infer<typeof openedStoreInfoSchema>;
export type CopyReportDto = z.infer<typeof copyReportSchema>;
