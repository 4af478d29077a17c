/**
 * Which code opens each kind of server, loaded only when a store of that kind is opened: the CLI's `read`
 * on a SQLite file never loads pg, ioredis or nats. Each entry is one line; a backend still being written
 * answers a clear error until its module exists (docs/backends.md, "The seam").
 */
import type { Backend } from './backend.js';
import type { ServerKind, ServerTarget } from './connection-string.js';

/** Opens a server's backend: connects, or fails with BackendUnavailableError naming host, port and reason. */
export type ServerBackendFactory = (target: ServerTarget) => Promise<Backend>;

/** The factory for each server kind, loaded on first use. */
const SERVER_BACKENDS: Readonly<Record<ServerKind, () => Promise<ServerBackendFactory>>> = {
  postgres: async () => {
    const { PostgresBackend } = await import('./postgres/postgres-backend.js');
    return async (target) => new PostgresBackend(target);
  },
  // When electron/backends/redis/redis-backend.ts exists:
  //   redis: async () => (await import('./redis/redis-backend.js')).openRedisBackend,
  redis: async () => notYetAvailable('Redis'),
  // When electron/backends/nats/nats-backend.ts exists:
  //   nats: async () => (await import('./nats/nats-backend.js')).openNatsBackend,
  nats: async () => notYetAvailable('NATS JetStream KV'),
  // When electron/backends/mysql/mysql-backend.ts exists:
  //   mysql: async () => (await import('./mysql/mysql-backend.js')).openMysqlBackend,
  mysql: async () => notYetAvailable('MySQL'),
};

/** A server kind this build cannot open yet. */
export class BackendNotBuiltError extends Error {
  constructor(readonly what: string) {
    super(`this build of Store Inspector cannot open ${what} stores yet: open a file path or a postgres:// URL`);
    this.name = 'BackendNotBuiltError';
  }
}

function notYetAvailable(what: string): never {
  throw new BackendNotBuiltError(what);
}

export async function openServerBackend(target: ServerTarget): Promise<Backend> {
  const factory = await SERVER_BACKENDS[target.kind]();
  return factory(target);
}

/** The same target with another password (one typed into a dialog): the display form never shows it. */
export function withPassword(target: ServerTarget, password: string): ServerTarget {
  const secret = new URL(target.secretUrl);
  secret.password = encodeURIComponent(password);
  return { ...target, password, secretUrl: secret.href };
}
