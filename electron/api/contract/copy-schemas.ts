/**
 * Copying the open store into another store (docs/import-export.md, "Copy between stores"): a server named by
 * URL or a file granted for writing, as a task with progress events that task.cancel stops.
 */
import { z } from 'zod';
import { storeKindSchema } from './backend-schemas.js';
import { fileIdSchema } from './file-schemas.js';
import { filterSchema, nameSchema } from './schemas.js';

const countSchema = z.number().int().min(0);
const lossesSchema = z.object({ metadata: countSchema, ttl: countSchema });

/**
 * Where the copy goes: a server by URL (its password apart from it, or in it; never a path: the page names no
 * file), a connection the host saved (its sealed password never comes to the page), or a granted file.
 */
const copyTargetSchema = z.union([
  z.strictObject({ url: z.string().min(1).max(4096), password: z.string().max(4096).optional() }),
  z.strictObject({ saved: z.string().min(1).max(64) }),
  z.strictObject({ file: fileIdSchema }),
]);

const copyScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('table'),
    database: nameSchema,
    table: nameSchema,
    filter: filterSchema.default({}),
  }),
  z.strictObject({ kind: z.literal('database'), database: nameSchema }),
  z.strictObject({ kind: z.literal('all') }),
]);

export const copyCalls = {
  /**
   * Copies the open store's table (filtered), database or every table into another store: one transaction
   * where the target has one; what the target cannot keep refuses the copy (`refused`, counted in the message)
   * unless `dropMetadata`/`dropTtl` say to copy without it; `dryRun` counts and writes nothing.
   */
  'store.copyTo': {
    arg: z.strictObject({
      taskId: z.string().min(1).max(64),
      to: copyTargetSchema,
      scope: copyScopeSchema,
      toDatabase: nameSchema.optional(),
      toTable: nameSchema.optional(),
      policy: z.enum(['overwrite', 'skip', 'fail']).default('overwrite'),
      dropMetadata: z.boolean().default(false),
      dropTtl: z.boolean().default(false),
      dryRun: z.boolean().default(false),
    }),
    result: z.object({
      source: z.string(),
      target: z.string(),
      /** What the target is: the page words what it could not keep with the one wording for that kind. */
      targetKind: storeKindSchema,
      tables: countSchema,
      records: countSchema,
      written: countSchema,
      overwritten: countSchema,
      skippedExisting: countSchema,
      skippedExpired: countSchema,
      cannotKeep: lossesSchema,
      dropped: lossesSchema,
      existing: countSchema,
      atomic: z.boolean(),
      batches: countSchema,
      dryRun: z.boolean(),
      ms: z.number(),
    }),
  },
};
