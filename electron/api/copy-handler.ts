import type { Backend } from '../backends/backend.js';
import { type ConnectionTarget, parseConnectionString } from '../backends/connection-string.js';
import { withPassword } from '../backends/server-backends.js';
import { StoreInputError } from '../store/index.js';
import type { CopyScope } from '../transfer/copy-between.js';
import type { ConnectionBook } from './connection-handlers.js';
import type { CallResult, ValidArg } from './contract/calls.js';
import { CodedError, NoStoreError, UnsupportedError } from './errors.js';
import type { FileGrants } from './file-grants.js';
import { openBackend } from './open-backend.js';
import { refuseOpenStoreTarget } from './open-store-files.js';
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
      const opened = await book.unseal(to.saved);
      if (opened === undefined) throw new CodedError('not-found', 'that saved connection is no longer there');
      return serverTarget(opened.entry.url, opened.password, env);
    }
    return serverTarget(to.url, to.password, env);
  };
  return {
    'store.copyTo': async (arg: ValidArg<'store.copyTo'>): Promise<CallResult<'store.copyTo'>> => {
      const source: Backend | undefined = session.backend;
      if (source === undefined) throw new NoStoreError();
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

/**
 * A server named by URL, with the password given apart from it. A path is refused: through the API a file is
 * named by a grant (`to.file`), never by a path the page typed (docs/file-access.md).
 */
function serverTarget(
  url: string,
  password: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ConnectionTarget {
  const target = parseConnectionString(url, env);
  if (target.kind === 'path') {
    throw new StoreInputError(
      'give a server URL (postgres://, redis://, nats://, mysql://): a file is chosen with the save dialog',
    );
  }
  return password === undefined || password === '' ? target : withPassword(target, password);
}

function scopeOf(scope: ValidArg<'store.copyTo'>['scope']): CopyScope {
  if (scope.kind !== 'table') return scope;
  return { kind: 'table', namespace: { database: scope.database, table: scope.table }, filter: scope.filter };
}
