/**
 * Shapes added with the go-micro backend: which kind of store is open, and what copying one into a SQLite
 * store reports. Kept apart from schemas.ts, whose shapes every transport already relies on.
 */
import { z } from 'zod';
import { downloadUrlSchema, fileHandleSchema } from './file-schemas.js';
import { storeInfoSchema } from './schemas.js';

export const storeKindSchema = z.enum(['sqlite', 'gomicro']);

/** store.info and friends: the store's figures plus its kind (go-micro stores are always read-only). */
export const openedStoreInfoSchema = storeInfoSchema.extend({ kind: storeKindSchema });

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
