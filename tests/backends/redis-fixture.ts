/**
 * What every Redis backend suite shares: a raw client for writing as go-micro does and reading back, a
 * random table prefix per test (holding glob characters, so escaping is always tested), removed after.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { scanSortedKeys } from '../../electron/backends/redis/redis-key-scan.js';

export const REDIS_URL = 'redis://127.0.0.1:6379/0';

export function rawClient(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
}

export function randomTable(): string {
  return `si_test_${randomBytes(4).toString('hex')}[*]/`;
}

export async function removeTable(client: Redis, table: string): Promise<void> {
  const keys = await scanSortedKeys(client, table);
  for (let start = 0; start < keys.length; start += 1_000) {
    await client.del(...keys.slice(start, start + 1_000).map((key) => Buffer.from(`${table}${key}`)));
  }
}

/** Polls `check` until it holds or `ms` pass; the last failure is thrown. */
export async function eventually(check: () => Promise<void> | void, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
