import type { Backend } from '../backends/backend.js';
import { type ConnectionTarget, parseConnectionString } from '../backends/connection-string.js';
import { withPassword } from '../backends/server-backends.js';
import type { CopyScope } from '../transfer/copy-between.js';
import type { CallResult, ValidArg } from './contract/calls.js';
import { NoStoreError } from './errors.js';
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
}

/**
 * `store.copyTo` (docs/import-export.md, "Copy between stores"): the open store is the source, read as it is
 * open; the target is opened on a connection of its own for the copy and closed after, so the open store stays
 * usable and nothing of the target lingers.
 */
export function copyHandlers({ session, tasks, grants, env }: CopyContext) {
  const targetOf = (to: ValidArg<'store.copyTo'>['to']): ConnectionTarget => {
    if ('file' in to) {
      const { path } = grants.resolve(to.file, 'write');
      refuseOpenStoreTarget(path, session.path);
      return { kind: 'path', path, display: path };
    }
    const target = parseConnectionString(to.url, env);
    if (target.kind === 'path') {
      refuseOpenStoreTarget(target.path, session.path);
      return target;
    }
    return to.password === undefined ? target : withPassword(target, to.password);
  };
  return {
    'store.copyTo': async (arg: ValidArg<'store.copyTo'>): Promise<CallResult<'store.copyTo'>> => {
      const source: Backend | undefined = session.backend;
      if (source === undefined) throw new NoStoreError();
      const { backend: target } = await openBackend(targetOf(arg.to), { readOnly: false, threads: 'main' });
      try {
        return await tasks.runCopy(arg.taskId, {
          source,
          target,
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
      } finally {
        await target.close();
      }
    },
  };
}

function scopeOf(scope: ValidArg<'store.copyTo'>['scope']): CopyScope {
  if (scope.kind !== 'table') return scope;
  return { kind: 'table', namespace: { database: scope.database, table: scope.table }, filter: scope.filter };
}
