/**
 * Which code opens each kind of server, loaded only when a store of that kind is opened: the CLI's `read`
 * on a SQLite file never loads pg, ioredis, nats or mysql2. Each entry is one line.
 */
import type { Backend } from './backend.js';
import { maskedHref, type ServerKind, type ServerTarget } from './connection-string.js';

export interface ServerOptions {
  /** The app's data folder, where a backend may keep what saves time on the next open (NATS key listings). */
  dataFolder?: string;
}

/** Opens a server's backend: connects, or fails with BackendUnavailableError naming host, port and reason. */
export type ServerBackendFactory = (target: ServerTarget, options?: ServerOptions) => Promise<Backend>;

/** The factory for each server kind, loaded on first use. */
const SERVER_BACKENDS: Readonly<Record<ServerKind, () => Promise<ServerBackendFactory>>> = {
  postgres: async () => {
    const { PostgresBackend } = await import('./postgres/postgres-backend.js');
    return async (target) => new PostgresBackend(target);
  },
  redis: async () => (await import('./redis/redis-backend.js')).openRedisBackend,
  nats: async () => (await import('./nats/nats-backend.js')).openNatsBackend,
  mysql: async () => (await import('./mysql/mysql-backend.js')).openMysqlBackend,
};

export async function openServerBackend(target: ServerTarget, options: ServerOptions = {}): Promise<Backend> {
  const factory = await SERVER_BACKENDS[target.kind]();
  return factory(target, options);
}

/** The same target with another password (one typed into a dialog): the display form never shows it. */
export function withPassword(target: ServerTarget, password: string): ServerTarget {
  const secret = new URL(target.secretUrl);
  secret.password = encodeURIComponent(password);
  return { ...target, password, secretUrl: secret.href, display: maskedHref(secret) };
}
