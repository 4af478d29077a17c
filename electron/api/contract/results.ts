/**
 * Errors cross the boundary as data, never as exceptions or stack traces: a union told apart by `code`,
 * each code with the fields it carries (docs/architecture.md, "Errors", says when each is answered).
 */

import { z } from 'zod';
import { UNAVAILABLE_REASONS } from '../../common/unavailable-reasons.js';
import { recordDetailSchema } from './schemas.js';

/** The codes whose error is a message for a person and nothing more. */
export const PLAIN_ERROR_CODES = [
  'invalid-argument',
  'unknown-call',
  'not-found',
  'read-only',
  'refused',
  'no-store',
  'closed',
  'foreign-file',
  'corrupt-file',
  'missing-file',
  'newer-format',
  'busy',
  'unsupported',
  'cancelled',
  'unauthorized',
  'forbidden',
  'internal',
] as const;

export type PlainErrorCode = (typeof PLAIN_ERROR_CODES)[number];

/** What makes a records file unreadable, as the JSON formats name it. */
export const BAD_FILE_PROBLEMS = [
  'empty',
  'syntax',
  'shape',
  'truncated',
  'trailing',
  'record',
  'too-large',
  'encoding',
  'dump',
] as const;

const message = z.string().min(1);
const count = z.number().int().nonnegative();

const plainErrorSchema = z.strictObject({ code: z.enum(PLAIN_ERROR_CODES), message });

/** The record changed since the writer read it: `current` is the record as it is now, null when it was deleted. */
const conflictErrorSchema = z.strictObject({
  code: z.literal('conflict'),
  message,
  current: recordDetailSchema.nullable(),
});

/** A server that refused, could not be reached, timed out, dropped the connection or refused the login. */
const unavailableErrorSchema = z.strictObject({
  code: z.literal('unavailable'),
  message,
  reason: z.enum(UNAVAILABLE_REASONS).optional(),
});

/**
 * The call was made for a store that is no longer open (another tab opened one: store-identity.ts) and was not
 * made; `storeId` and `display` name the store open now.
 */
const storeSwitchedErrorSchema = z.strictObject({
  code: z.literal('store-switched'),
  message,
  storeId: z.string().min(1),
  display: z.string().nullable(),
});

/** A records file that cannot be read: what is wrong and, where known, where (line and column 1-based). */
const badFileErrorSchema = z.strictObject({
  code: z.literal('bad-file'),
  message,
  problem: z.enum(BAD_FILE_PROBLEMS),
  place: z.strictObject({ line: count, column: count, byteOffset: count }).optional(),
  /** 0-based, as records are indexed; messages count from 1. */
  recordIndex: count.optional(),
  /** The record's field that is wrong (`key`, `value`, `metadata`, …). */
  field: z.string().optional(),
});

/** One variant per plain code, so that narrowing on any code gives its own type. */
type PlainApiError = { [C in PlainErrorCode]: { code: C; message: string } }[PlainErrorCode];

export type ApiError =
  | PlainApiError
  | z.infer<typeof unavailableErrorSchema>
  | z.infer<typeof conflictErrorSchema>
  | z.infer<typeof storeSwitchedErrorSchema>
  | z.infer<typeof badFileErrorSchema>;
export type ErrorCode = ApiError['code'];
/** The error of one code, with that code's fields. */
export type ApiErrorOf<C extends ErrorCode> = Extract<ApiError, { code: C }>;

/** Checks an error as it arrives (tests check every error result against it). */
export const apiErrorSchema: z.ZodType<ApiError> = z.discriminatedUnion('code', [
  plainErrorSchema,
  unavailableErrorSchema,
  conflictErrorSchema,
  storeSwitchedErrorSchema,
  badFileErrorSchema,
]);

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** A failure that is a message only; errors with fields of their own are built whole (api/errors.ts). */
export const fail = (code: PlainErrorCode, text: string): Result<never> => ({
  ok: false,
  error: { code, message: text },
});
