import type { ConnectionTarget } from '../backends/connection-string.js';
import type { CopyScope } from '../transfer/copy-between.js';
import { type ConnectionBook, savedServer } from './connection-handlers.js';
import type { CallResult, ValidArg } from './contract/calls.js';
import { UnsupportedError } from './errors.js';
import type { FileGrants } from './file-grants.js';
import { openBackend } from './open-backend.js';
import { refuseOpenStoreTarget } from './open-store-files.js';
import { serverTarget } from './server-target.js';
import type { StoreSession } from './store-session.js';
import type { TransferTasks } from './transfer-tasks.js';

interface CopyContext {
  session: StoreSession;
  tasks: TransferTasks;
  grants: FileGrants;
  env: Readonly<Record<string, string | undefined>>;
  /** The host's saved connections (the desktop), whose sealed passwords a copy may use without the page. */
  book?: ConnectionBook | undefined;
}

/** A copy into a file names it by a grant (`to.file`), chosen with the save dialog. */
const FILES_HOW = 'a file is chosen with the save dialog';

/**
 * `store.copyTo` (docs/import-export.md, "Copy between stores"): the open store is the source, read as it is
 * open; the target is opened on a connection of its own for the copy and closed after, so the open store stays
 * usable and nothing of the target lingers.
 */
export function copyHandlers({ session, tasks, grants, env, book }: CopyContext) {
  const targetOf = async (to: ValidArg<'store.copyTo'>['to']): Promise<ConnectionTarget> => {
    if ('file' in to) {
      const { path } = grants.resolve(to.file, 'write');
      refuseOpenStoreTarget(path, session.path);
      return { kind: 'path', path, display: path };
    }
    if ('saved' in to) {
      if (book === undefined) throw new UnsupportedError('this host keeps no saved connections: give the URL');
      return (await savedServer(book, to.saved, env)).target;
    }
    return serverTarget(to.url, to.password, env, FILES_HOW);
  };
  return {
    'store.copyTo': async (arg: ValidArg<'store.copyTo'>): Promise<CallResult<'store.copyTo'>> => {
      const source = session.requireBackend();
      const target = await targetOf(arg.to);
      const open = async () => (await openBackend(target, { readOnly: false, threads: 'main' })).backend;
      return tasks.runCopy(arg.taskId, open, {
        source,
        scope: scopeOf(arg.scope),
        to: {
          ...(arg.toDatabase === undefined ? {} : { database: arg.toDatabase }),
          ...(arg.toTable === undefined ? {} : { table: arg.toTable }),
        },
        policy: arg.policy,
        dropMetadata: arg.dropMetadata,
        dropTtl: arg.dropTtl,
        dryRun: arg.dryRun,
      });
    },
  };
}

function scopeOf(scope: ValidArg<'store.copyTo'>['scope']): CopyScope {
  if (scope.kind !== 'table') return scope;
  return { kind: 'table', namespace: { database: scope.database, table: scope.table }, filter: scope.filter };
}
