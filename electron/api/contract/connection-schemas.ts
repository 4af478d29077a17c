/**
 * Connections to servers the Open connection dialog tests, remembers and opens (issue #14). A password goes
 * one way only: from the page to the host, which keeps it encrypted (desktop) or not at all (browser mode);
 * no answer here carries one back.
 */
import { z } from 'zod';
import { backendShape, openedStoreInfoSchema } from './backend-schemas.js';
import { databaseInfoSchema, nameSchema } from './schemas.js';

const urlSchema = z.string().min(1).max(4096);
const passwordSchema = z.string().max(4096);
const connectionIdSchema = z.string().min(1).max(64);

/** Where the dialog puts the user after connecting: a database and table, when one was chosen. */
const placeSchema = { database: nameSchema.optional(), table: nameSchema.optional() };

/** A connection kept for later: its URL never holds the password (`hasPassword` says whether one is kept). */
export const savedConnectionSchema = z.object({
  id: connectionIdSchema,
  name: nameSchema,
  url: urlSchema,
  /** The URL as shown (no password in it). */
  display: z.string(),
  readOnly: z.boolean(),
  hasPassword: z.boolean(),
  ...placeSchema,
});

export const connectionCalls = {
  /**
   * Connects to a server on a connection of its own, lists what is there, and closes it: the open store stays
   * open. With `table`, also reads one record of it, so a table of the wrong shape is refused now.
   */
  'connections.test': {
    arg: z.strictObject({ url: urlSchema, password: passwordSchema.optional(), ...placeSchema }),
    result: z.object({
      ...backendShape,
      /** Every database and its tables; none where the backend cannot list them (capabilities.listsTables). */
      databases: z.array(databaseInfoSchema),
      /** Table names worth offering where tables cannot be listed (go-micro's default `micro`). */
      suggestedTables: z.array(z.string()),
    }),
  },
  /**
   * The saved connections, and whether this host keeps passwords: `encrypted` (the desktop, with the system's
   * keychain) or `none` with the reason (browser mode keeps none; a desktop without a keyring neither).
   */
  'connections.list': {
    arg: z.strictObject({}),
    result: z.object({
      passwords: z.discriminatedUnion('kept', [
        z.object({ kept: z.literal(true) }),
        z.object({ kept: z.literal(false), reason: z.string() }),
      ]),
      saved: z.array(savedConnectionSchema),
    }),
  },
  /** Saves (or, with `id`, replaces) a connection; a password is kept only where `passwords.kept`. */
  'connections.save': {
    arg: z.strictObject({
      id: connectionIdSchema.optional(),
      name: nameSchema,
      url: urlSchema,
      password: passwordSchema.optional(),
      readOnly: z.boolean().default(false),
      ...placeSchema,
    }),
    result: savedConnectionSchema,
  },
  'connections.forget': { arg: z.strictObject({ id: connectionIdSchema }), result: z.null() },
  /** Opens a saved connection with the password the host keeps for it (it never comes to the page). */
  'connections.open': {
    arg: z.strictObject({ id: connectionIdSchema, readOnly: z.boolean().optional() }),
    result: openedStoreInfoSchema,
  },
} as const;

export type SavedConnectionDto = z.infer<typeof savedConnectionSchema>;
