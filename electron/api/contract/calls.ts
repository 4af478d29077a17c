/**
 * Every call the renderer can make: its name, its argument's schema and its result's schema.
 * main, preload, serve and the renderer all take their types from here; nobody writes a second copy.
 */
import { z } from 'zod';
import type { CallName } from './call-names.js';
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
  pathSchema,
  recordDetailSchema,
  recordSummarySchema,
  storeInfoSchema,
} from './schemas.js';

interface CallSchema {
  arg: z.ZodType;
  result: z.ZodType;
}

const empty = z.strictObject({});
const inTable = <T extends z.ZodRawShape>(shape: T) => namespaceSchema.extend(shape).strict();

export const calls = {
  'store.open': {
    arg: z.strictObject({ path: pathSchema, readOnly: z.boolean().default(false) }),
    result: storeInfoSchema,
  },
  'store.create': { arg: z.strictObject({ path: pathSchema }), result: storeInfoSchema },
  'store.close': { arg: empty, result: z.null() },
  'store.info': { arg: empty, result: storeInfoSchema.nullable() },
  'store.databases': { arg: empty, result: z.array(databaseInfoSchema) },
  'table.create': { arg: namespaceSchema, result: z.null() },
  'records.page': {
    arg: inTable({
      filter: filterSchema.default({}),
      order: z.enum(['asc', 'desc']).default('asc'),
      after: keySchema.optional(),
      limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
    }),
    result: z.object({ records: z.array(recordSummarySchema), next: z.string().nullable() }),
  },
  'records.count': { arg: inTable({ filter: filterSchema.default({}) }), result: z.number().int().min(0) },
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
  'changes.since': {
    arg: z.strictObject({ seq: z.number().int().min(0), limit: z.number().int().min(1).max(10_000).default(1_000) }),
    result: z.object({ changes: z.array(changeSchema), latest: z.number().int() }),
  },
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
