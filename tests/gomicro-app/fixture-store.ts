/**
 * The go-micro fixture folder (written by Go's bbolt, tests/fixtures/gomicro-file-store) and what the tests
 * around it share: expected.json, copies to a temp dir, and sha256 of every file to prove that
 * nothing was written.
 */

import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calls, isCallName } from '../../electron/api/contract/calls.js';
import type { ApiEvent } from '../../electron/api/contract/events.js';
import type { Result } from '../../electron/api/contract/results.js';
import { createDispatch } from '../../electron/api/dispatch.js';
import { type FileAccess, FileGrants } from '../../electron/api/file-grants.js';
import { createHandlers, type HostCapabilities } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { compareKeys } from '../../electron/common/key-order.js';
import { tempDirForTest } from '../helpers/files.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'gomicro-file-store');

export interface Expected {
  database: string;
  table: string;
  key: string;
  /** base64 */
  value: string;
  metadata: Record<string, unknown>;
  /** RFC 3339 with nanoseconds; absent: never expires. */
  expires?: string;
  expired: boolean;
}

export const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Expected[];

export const TABLES = [
  ['micro', 'empty'],
  ['micro', 'legacy'],
  ['micro', 'users'],
  ['service', 'orders'],
] as const;

/** The table's expected records in byte order. */
export function expectedFor(database: string, table: string, which: 'all' | 'live' | 'expired' = 'all'): Expected[] {
  return expected
    .filter((record) => record.database === database && record.table === table)
    .filter((record) => which === 'all' || record.expired === (which === 'expired'))
    .sort((a, b) => compareKeys(a.key, b.key));
}

/** A copy of the fixture folder in a temp dir removed after the test, so a stray write could not reach the original. */
export function fixtureCopy(): string {
  const root = join(tempDirForTest(), 'store');
  cpSync(FIXTURES, root, { recursive: true });
  return root;
}

/** sha256 of every file under `root`, by relative path. */
export function hashTree(root: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
    try {
      hashes[name] = createHash('sha256')
        .update(readFileSync(join(root, name)))
        .digest('hex');
    } catch {
      // a folder
    }
  }
  return hashes;
}

export interface TestApi {
  session: StoreSession;
  events: ApiEvent[];
  /** Grants `path` as main would after a native dialog: the id a call names the file by. */
  file(path: string, access: FileAccess): string;
  /** Both directions cross a structuredClone, as over IPC; a successful result must parse with its schema. */
  call(name: string, arg?: unknown): Promise<Result<unknown>>;
  /** A call that must succeed. */
  value<T = unknown>(name: string, arg?: unknown): Promise<T>;
}

export function testApi(host: HostCapabilities = {}, session = new StoreSession()): TestApi {
  const events: ApiEvent[] = [];
  const grants = new FileGrants();
  const dispatch = createDispatch(createHandlers(session, { host, grants, emit: (event) => events.push(event) }));
  const call = async (name: string, arg: unknown = {}) => {
    const result = structuredClone(await dispatch(name, structuredClone(arg)));
    // Every answer must be what the contract promises, as the renderer will parse it.
    if (result.ok && isCallName(name)) calls[name].result.parse(result.value);
    return result;
  };
  return {
    session,
    events,
    file: (path, access) => grants.grant(path, access).id,
    call,
    async value<T>(name: string, arg: unknown = {}) {
      const result = await call(name, arg);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
  };
}
