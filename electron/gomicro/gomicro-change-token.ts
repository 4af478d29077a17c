import { createHash } from 'node:crypto';
import { fileStamp } from './gomicro-file-stamp.js';
import { type GoMicroLocation, listGoMicroDatabases, listTables, tableFile } from './gomicro-layout.js';

/** Every table file of the location, as (database, table, file), in byte order. */
export function tableFiles(location: GoMicroLocation): { database: string; table: string; file: string }[] {
  return listGoMicroDatabases(location).flatMap((database) =>
    listTables(location, database).flatMap((table) => {
      const file = tableFile(location, database, table);
      return file === null ? [] : [{ database, table, file }];
    }),
  );
}

/**
 * Changes whenever a table file appears, goes, or commits (see fileStamp). Cheap enough to poll five times a
 * second: a directory listing per database and a stat plus a meta read per table, no tree walked.
 */
export function changeTokenOf(location: GoMicroLocation): string {
  const hash = createHash('sha1');
  for (const { file } of tableFiles(location)) hash.update(`${file}\0${fileStamp(file)}\n`);
  return `gm.${hash.digest('hex').slice(0, 16)}`;
}
