/**
 * One mysql2 pool per opened MySQL store. A connection that dies (a restart, a KILL) leaves the pool by itself,
 * so the next call opens a fresh one. Dates travel as the column's text (`dateStrings`), never through
 * JavaScript Dates, so that we read and write the wall-clock text go-micro's driver does (my-expiry.ts).
 */
import mysql from 'mysql2/promise';
import { CONNECT_TIMEOUT_MS } from '../backend-errors.js';
import type { ServerTarget } from '../connection-string.js';
import { type ExpectedServer, KindCheckedSocket } from '../sql-tables/foreign-server.js';
import { explainMysqlError } from './my-errors.js';

export type Pool = mysql.Pool;
export type Connection = mysql.PoolConnection;
/** A pool or a checked-out connection: the queries here run on either. */
export type Queryable = Pick<mysql.Pool, 'query'>;

/**
 * A MySQL server speaks first: a packet header of sequence 0 (its length's high byte 0, a greeting being
 * short) and protocol 10's greeting or an error packet (0xFF: too many connections, a host not allowed).
 */
const MYSQL: ExpectedServer = {
  name: 'MySQL',
  defaultPort: 3306,
  answersAs: (first) =>
    (first.length <= 2 || first[2] === 0) &&
    (first.length <= 3 || first[3] === 0) &&
    (first.length <= 4 || first[4] === 10 || first[4] === 0xff),
  greetsFirst: true,
};

/** The socket mysql2 would open itself (no delay, kept alive), checked for a server of another kind. */
function checkedSocket(target: ServerTarget): KindCheckedSocket {
  const socket = new KindCheckedSocket(MYSQL, target.host, target.port).connect(target.port, target.host);
  socket.setNoDelay(true);
  socket.setKeepAlive(true);
  return socket;
}

export function openMysqlPool(target: ServerTarget): Pool {
  const pool = mysql.createPool({
    host: target.host,
    port: target.port,
    user: target.user === '' ? 'root' : target.user,
    password: target.password,
    // Only the connection's default: go-micro qualifies every statement with the store's database.
    database: target.path === '' ? undefined : target.path,
    ssl: target.tls ? {} : undefined,
    charset: 'utf8mb4',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    connectionLimit: 4,
    maxIdle: 2,
    idleTimeout: 30_000,
    enableKeepAlive: true,
    stream: () => checkedSocket(target),
  });
  // MySQL 8 caches information_schema's UPDATE_TIME for a day unless told not to (the change token reads it);
  // MariaDB has no such variable and refuses the statement, which is harmless.
  pool.pool.on('connection', (connection) => {
    connection.query('SET SESSION information_schema_stats_expiry = 0', () => undefined);
  });
  return pool;
}

/** Runs `work`, turning a connection failure into a BackendUnavailableError that names the server. */
export async function explained<T>(target: ServerTarget, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw explainMysqlError(error, `${target.host}:${target.port}`);
  }
}

/**
 * Runs `work` in one transaction on one connection. A connection that failed (or could not roll back) is
 * destroyed rather than returned to the pool; the server rolls back whatever it had not committed.
 */
export async function inTransaction<T>(pool: Pool, work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  // An error on a connection no query is waiting on must be heard, or it would crash the process.
  const heard = () => undefined;
  connection.connection.on('error', heard);
  let healthy = true;
  try {
    await connection.beginTransaction();
    const result = await work(connection);
    await connection.commit();
    return result;
  } catch (error) {
    await connection.rollback().catch(() => {
      healthy = false;
    });
    throw error;
  } finally {
    connection.connection.off('error', heard);
    if (healthy) connection.release();
    else connection.destroy();
  }
}
