/**
 * Every go-micro remote store's benchmark in one run (`npm run bench -- backends`), each against its server
 * on this machine; a server that does not answer is skipped with a line saying what to start. `--only NAME`
 * runs the suites whose server's name contains NAME (`redis`, `nats`, `postgres`, `mariadb`); `--only
 * NAME:PART` hands PART to that suite as its own `--only` (`postgres:sort`).
 */
import { MYSQL, NATS, POSTGRES, REDIS, type ServerNeed, serverAvailable } from '../tests/backends/server-available.js';
import type { BenchArgs } from './bench-args.js';

interface BackendSuite {
  need: ServerNeed;
  run: (args: BenchArgs) => Promise<void>;
}

const SUITES: BackendSuite[] = [
  { need: POSTGRES, run: async (args) => (await import('./backends/postgres-bench.js')).runPostgresBench(args) },
  { need: MYSQL, run: async (args) => (await import('./backends/mysql-bench.js')).runMysqlBench(args) },
  { need: REDIS, run: async (args) => (await import('./backends/redis-bench.js')).runRedisBench(args) },
  { need: NATS, run: async (args) => (await import('./backends/nats-bench.js')).runNatsBench(args) },
];

export async function runBackendsBench(args: BenchArgs): Promise<void> {
  const [server = '', part] = (args.only ?? '').split(':');
  for (const suite of SUITES) {
    // `--only redis` (or nats, postgres, mariadb): one server's suite.
    if (!suite.need.name.toLowerCase().includes(server.toLowerCase())) continue;
    if (await serverAvailable(suite.need)) await suite.run({ ...args, only: part });
  }
}
