/**
 * Files cross the contract as handles, never as paths: main (a native dialog) or the server (an upload, a
 * download slot) grants a file and gives the page an opaque, unguessable id with the name to show. A call that
 * reads or writes a file takes that id; a path the page made up has no way in (see docs/file-access.md).
 */
import { z } from 'zod';
import { hasLoneSurrogate } from '../../common/unicode-text.js';

/** What the page holds for a granted file. */
export const fileHandleSchema = z.object({
  id: z.string(),
  /** The file's name (not its folder), to show. */
  name: z.string(),
  /** True in browser mode: the file is written on the server, then offered to the browser as a download. */
  download: z.boolean(),
});

/** A grant id as a call carries it. */
export const fileIdSchema = z.string().min(1).max(64);

/** A file name the page suggests (a save dialog's default, a download's name): no folders, valid Unicode. */
export const fileNameSchema = z
  .string()
  .max(255)
  .refine((name) => !hasLoneSurrogate(name), 'holds a lone surrogate, which is not valid Unicode');

/** Where a finished export or copy can be fetched in browser mode (one time); null where it was written in place. */
export const downloadUrlSchema = z.string().nullable();

export type FileHandle = z.infer<typeof fileHandleSchema>;

/**
 * Desktop: the preload hands main the path of a file the user dropped on the window (or picked with the page's
 * own file input), which only the preload can see; main answers with a read grant. Not a contract call: the page
 * passes a File object, never a path.
 */
export const DROPPED_FILE_CHANNEL = 'store-inspector:dropped-file';
