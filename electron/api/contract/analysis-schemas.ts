/**
 * The `table.analyse` call's shapes (docs/analysis.md): a picture of one table's records that match the grid's
 * filter, drawn by the store from SQL aggregates.
 */
import { z } from 'zod';
import { filterSchema, keySchema, millisSchema, namespaceSchema } from './schemas.js';

const countSchema = z.number().int().min(0);

export const analyseArgSchema = namespaceSchema
  .extend({
    /** Reports the analysis's phases as `progress` events for this task. */
    taskId: z.string().min(1).max(64).optional(),
    filter: filterSchema.default({}),
    /** The key-space level to break down: keys starting with it (default: the filter's prefix). */
    level: keySchema.optional(),
    delimiter: z.string().min(1).max(16).default('/'),
    biggest: z.number().int().min(0).max(100).default(20),
  })
  .strict();

export const expiryBucketNameSchema = z.enum(['expired', 'minute', 'hour', 'day', 'later', 'never']);

const keyPartSchema = z.object({
  /** The branch's prefix, ending in the delimiter; null for the records whose keys end at this level. */
  prefix: z.string().nullable(),
  records: countSchema,
  bytes: countSchema,
});

export const tableAnalysisSchema = z.object({
  /** The instant the expiry buckets count from. */
  now: millisSchema,
  records: countSchema,
  bytes: countSchema,
  /** Present when the figures come from a sample: how many records it read, of about how many. */
  sample: z.object({ records: countSchema, of: countSchema }).nullable(),
  keySpace: z.object({
    level: z.string(),
    delimiter: z.string(),
    parts: z.array(keyPartSchema),
    others: keyPartSchema.omit({ prefix: true }).nullable(),
  }),
  sizes: z.array(z.object({ from: countSchema, to: countSchema.nullable(), records: countSchema, bytes: countSchema })),
  expiry: z.array(z.object({ bucket: expiryBucketNameSchema, records: countSchema })),
  biggest: z.array(z.object({ key: z.string(), size: countSchema, expiresAt: millisSchema.nullable() })),
});

export type TableAnalysisDto = z.output<typeof tableAnalysisSchema>;
export type ExpiryBucketName = z.output<typeof expiryBucketNameSchema>;
