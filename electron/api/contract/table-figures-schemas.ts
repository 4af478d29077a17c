/**
 * The `table.figures` call's shapes: what a backend can tell of the table on screen cheaply, beside its pages
 * (docs/backends.md, "Live"): the server's row estimate where an exact count is costly, and how a NATS
 * bucket's keys are written.
 */
import { z } from 'zod';

const keyEncodingSchema = z.object({
  encoding: z.enum(['base32', 'plain']),
  /** Named in the URL (`?keys=`), detected from the bucket's keys, or the default for an empty bucket. */
  source: z.enum(['chosen', 'detected', 'default']),
});

export const tableFiguresSchema = z.object({
  /** The server's estimate of the table's rows, expired included; null where it has none or counts cheaply. */
  estimatedCount: z.number().int().min(0).nullable(),
  /** How the database's keys are written (NATS); null elsewhere. */
  keyEncoding: keyEncodingSchema.nullable(),
});
