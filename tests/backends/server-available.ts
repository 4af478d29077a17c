/**
 * Whether a backend's server answers, decided once per suite. On a laptop without it the suite is skipped
 * with one printed line saying what to start; in CI (CI=true) a missing server fails the run instead, so a
 * backend suite is never skipped unseen where it must run.
 */
import { Socket } from 'node:net';

export interface ServerNeed {
  name: string;
  host: string;
  port: number;
  /** What a developer runs to get it. */
  start: string;
}

export const POSTGRES: ServerNeed = {
  name: 'PostgreSQL',
  host: '127.0.0.1',
  port: 5432,
  start: 'apt-get install -y postgresql && pg_ctlcluster $(ls /etc/postgresql) main start (trust auth, database test)',
};

export const REDIS: ServerNeed = {
  name: 'Redis',
  host: '127.0.0.1',
  port: 6379,
  start: 'apt-get install -y redis-server && redis-server --daemonize yes --port 6379 --save ""',
};

export const NATS: ServerNeed = {
  name: 'NATS with JetStream',
  host: '127.0.0.1',
  port: 4222,
  start: 'nats-server -js -p 4222 (see .ci/start-services)',
};

export const MYSQL: ServerNeed = {
  name: 'MariaDB/MySQL',
  host: '127.0.0.1',
  port: 3306,
  start: 'apt-get install -y mariadb-server && service mariadb start (root with an empty password, database test)',
};

function answers({ host, port }: ServerNeed, timeoutMs = 1_500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/** True when the server answers; otherwise prints why the suite is skipped, or throws under CI=true. */
export async function serverAvailable(need: ServerNeed): Promise<boolean> {
  if (await answers(need)) return true;
  const line = `${need.name} is not reachable at ${need.host}:${need.port}; to run these tests start it: ${need.start}`;
  if (process.env.CI === 'true') throw new Error(`${line} (CI=true: backend suites must run, not skip)`);
  console.warn(`SKIPPED backend suite: ${line}`);
  return false;
}
