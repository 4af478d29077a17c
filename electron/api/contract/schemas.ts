/**
 * Shapes that cross the boundary between the renderer and main (IPC or HTTP). Everything here is
 * JSON: bytes travel as base64 so that IPC, HTTP and tests see one format. Limits are generous but
 * finite, so a hostile or broken payload is refused before it reaches the store.
 */
import { z } from 'zod';
import { conditionProblem, MAX_PATH_SEGMENTS, METADATA_OPS, type MetadataOp } from '../../common/metadata-query.js';
import { MAX_PAGE_SIZE } from '../../common/page-limits.js';
import { MAX_KEY_LENGTH, MAX_NAME_LENGTH, MAX_VALUE_BYTES } from '../../common/record-limits.js';
import { hasLoneSurrogate } from '../../common/unicode-text.js';
import { type JsonObject, jsonObjectProblem } from './json-value.js';

export { MAX_KEY_LENGTH, MAX_NAME_LENGTH, MAX_PAGE_SIZE };
/** Base64 of the largest value the Store accepts. */
export const MAX_VALUE_BASE64_LENGTH = Math.ceil(MAX_VALUE_BYTES / 3) * 4;
export const MAX_KEYS_PER_CALL = 100_000;
export const DEFAULT_VALUE_BUDGET = 1024 * 1024;

const wellFormed = (text: string) => !hasLoneSurrogate(text);

export const keySchema = z
  .string()
  .max(MAX_KEY_LENGTH)
  .refine(wellFormed, 'holds a lone surrogate, which is not valid Unicode');
export const nonEmptyKeySchema = keySchema.refine((key) => key.length > 0, 'must not be empty');
export const nameSchema = z.string().min(1).max(MAX_NAME_LENGTH).refine(wellFormed, 'is not valid Unicode');
export const base64Schema = z.base64().max(MAX_VALUE_BASE64_LENGTH);
export const millisSchema = z.number().int().min(-8.64e15).max(8.64e15);
const countSchema = z.number().int().min(0);

/** Metadata: a JSON object, validated in place (see json-value.ts for why it is never copied). */
export const metadataSchema = z.custom<JsonObject>((value) => jsonObjectProblem(value) === undefined, {
  error: (issue) => `metadata ${jsonObjectProblem(issue.input) ?? 'is not valid'}`,
});

export const namespaceSchema = z.strictObject({ database: nameSchema, table: nameSchema });

export const expiryStateSchema = z.enum(['live', 'has-ttl', 'no-ttl', 'expired', 'all']);

/** A metadata query condition (docs/metadata-queries.md), checked with the parser's own rules. */
const metadataConditionSchema = z
  .strictObject({
    path: z.array(nameSchema).min(1).max(MAX_PATH_SEGMENTS),
    op: z.enum(METADATA_OPS as [MetadataOp, ...MetadataOp[]]),
    value: z.string().max(MAX_KEY_LENGTH).optional(),
  })
  .superRefine((condition, context) => {
    const problem = conditionProblem(condition);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });

export const filterSchema = z.strictObject({
  prefix: keySchema.optional(),
  suffix: keySchema.optional(),
  contains: keySchema.optional(),
  /** How `contains` compares; sensitive when not given. */
  containsCase: z.enum(['sensitive', 'insensitive']).optional(),
  /** Records whose value holds this text's UTF-8 bytes (docs/metadata-queries.md, "Value contains"). */
  valueContains: z.string().max(MAX_KEY_LENGTH).optional(),
  /** How `valueContains` compares; sensitive when not given. */
  valueCase: z.enum(['sensitive', 'insensitive']).optional(),
  metadata: z
    .array(
      z.union([z.strictObject({ field: nameSchema, value: z.string().max(MAX_KEY_LENGTH) }), metadataConditionSchema]),
    )
    .max(16)
    .optional(),
  expiry: expiryStateSchema.optional(),
  expiringWithinMs: z.number().int().min(0).max(8.64e15).optional(),
});

/** How a record's expiry is set: never, after a time to live, or at an instant (ms since the epoch). */
export const expirySpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('ttl'), ms: millisSchema }),
  z.strictObject({ kind: z.literal('at'), at: millisSchema }),
]);

export const storeInfoSchema = z.object({
  path: z.string(),
  fileSize: countSchema,
  schemaVersion: countSchema,
  readOnly: z.boolean(),
  /** Why a store opened read-only although writing was asked for (its file, folder or medium). */
  readOnlyReason: z.string().optional(),
  databases: countSchema,
  tables: countSchema,
  records: countSchema,
});

export const databaseInfoSchema = z.object({
  database: z.string(),
  tables: z.array(
    z.object({
      table: z.string(),
      count: countSchema,
      expired: countSchema,
      /** `count` is the server's estimate (expired included, `expired` 0): a large table on Postgres or MySQL. */
      estimated: z.boolean().optional(),
    }),
  ),
});

export const recordSummarySchema = z.object({
  key: z.string(),
  size: countSchema,
  preview: z.string(),
  metadata: metadataSchema,
  expiresAt: z.number().nullable(),
  expired: z.boolean(),
  updatedAt: z.number(),
  revision: z.string(),
});

export const recordDetailSchema = recordSummarySchema.omit({ preview: true }).extend({
  /** base64 of the value, or of its head when `complete` is false. */
  value: z.string(),
  complete: z.boolean(),
});

/**
 * A record with its value as bytes, not base64 (`record.getBytes`): a Uint8Array over IPC (structured clone), the
 * body of an application/octet-stream answer over HTTP (contract/byte-answer.ts).
 */
export const recordBytesSchema = recordDetailSchema.extend({
  /** The value, or its head when `complete` is false. */
  value: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes (a Uint8Array)'),
});

export const changeSchema = z.object({
  seq: z.number(),
  database: z.string(),
  table: z.string(),
  key: z.string(),
  kind: z.enum(['create', 'update', 'delete', 'expired']),
  at: z.number(),
});

export type Filter = z.infer<typeof filterSchema>;
export type ExpirySpec = z.infer<typeof expirySpecSchema>;
export type DatabaseInfoDto = z.infer<typeof databaseInfoSchema>;
export type RecordSummaryDto = z.infer<typeof recordSummarySchema>;
export type RecordDetailDto = z.infer<typeof recordDetailSchema>;
export type RecordBytesDto = z.infer<typeof recordBytesSchema>;
export type ChangeDto = z.infer<typeof changeSchema>;
