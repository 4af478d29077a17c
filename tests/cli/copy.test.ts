/**
 * `store-inspector copy` end to end, the real binary: a file into Postgres and back, the report on stdout
 * (text and --json), a refusal with its count and exit 1, the target's password kept apart, usage errors.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { copyTargets } from '../../electron/cli/commands/copy.js';
import { NATS, POSTGRES, serverAvailable } from '../backends/server-available.js';
import { runBin } from '../helpers/cli.js';
import { tempDirForTest } from '../helpers/files.js';

const PG_URL = 'postgresql://root@127.0.0.1/test';
const hasPostgres = await serverAvailable(POSTGRES);
const hasNats = await serverAvailable(NATS);
const schemas: string[] = [];
const buckets: string[] = [];

afterEach(async () => {
  for (const bucket of buckets.splice(0)) {
    const nc = await connect({ servers: '127.0.0.1:4222' });
    // A refused copy made no bucket: there is nothing to remove then.
    await (await new Kvm(nc).open(bucket)).destroy().catch(() => undefined);
    await nc.close();
  }
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

async function storeWith(): Promise<string> {
  const path = join(tempDirForTest(), 'source.db');
  for (const args of [
    ['write', 'a', 'alpha', '--metadata', '{"owner":"me"}'],
    ['write', 'b', 'beta', '--ttl', '1h'],
    ['write', '-d', 'other', '-t', 'things', 'c', 'gamma'],
  ]) {
    const run = await runBin([...args, '--store', path]);
    expect(run.status, run.stderr).toBe(0);
  }
  return path;
}

describe('store-inspector copy', () => {
  it.skipIf(!hasPostgres)('copies a file into Postgres and back into a new file, reporting on stdout', async () => {
    const source = await storeWith();
    const schema = `si_cli_${randomBytes(5).toString('hex')}`;
    schemas.push(schema);
    const there = await runBin(['copy', '--from', source, '-d', 'micro', '--to', PG_URL, '--to-database', schema]);
    expect(there.status, there.stderr).toBe(0);
    expect(there.stdout).toMatch(
      /^copied 2 records from .* to postgresql:\/\/root@127\.0\.0\.1\/test in one transaction: 2 new/,
    );
    expect(there.stderr).toBe('');
    const back = join(tempDirForTest(), 'back.db');
    const json = await runBin(['copy', '--from', PG_URL, '-d', schema, '-t', 'micro', '--to', back, '--json']);
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ records: 2, written: 2, atomic: true, dropped: { metadata: 0 } });
    const read = await runBin(['read', 'a', '--store', back, '-d', schema, '-t', 'micro', '--verbose']);
    expect(read.stdout).toContain('alpha');
  });

  it.skipIf(!hasNats)(
    'refuses a record with its own TTL for NATS, with the count, then drops it on request',
    async () => {
      const source = await storeWith();
      const bucket = `si_cli_${randomBytes(5).toString('hex')}`;
      buckets.push(bucket);
      const refused = await runBin([
        'copy',
        '--from',
        source,
        '-d',
        'micro',
        '--to',
        'nats://127.0.0.1:4222',
        '--to-database',
        bucket,
      ]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('NATS KV has no per-record TTL (1 record(s) carry their own expiry; --drop-ttl');
      const dropped = await runBin([
        'copy',
        '--from',
        source,
        '-d',
        'micro',
        '--to',
        'nats://127.0.0.1:4222',
        '--to-database',
        bucket,
        '--drop-ttl',
        '--json',
      ]);
      expect(dropped.status, dropped.stderr).toBe(0);
      expect(JSON.parse(dropped.stdout)).toMatchObject({ written: 2, atomic: false, dropped: { ttl: 1 } });
    },
  );

  it('keeps the source password for --from only: --to takes STORE_INSPECTOR_TARGET_PASSWORD', () => {
    const env = { STORE_INSPECTOR_PASSWORD: 'source-secret', STORE_INSPECTOR_TARGET_PASSWORD: 'target-secret' };
    const both = copyTargets('redis://127.0.0.1', 'postgres://root@127.0.0.1/test', env);
    expect(both.fromTarget).toMatchObject({ password: 'source-secret' });
    expect(both.toTarget).toMatchObject({ password: 'target-secret', display: 'postgres://root@127.0.0.1/test' });
    const sourceOnly = copyTargets('redis://127.0.0.1', 'postgres://root@127.0.0.1/test', {
      STORE_INSPECTOR_PASSWORD: 'source-secret',
    });
    expect(sourceOnly.toTarget).toMatchObject({ password: undefined });
    const inUrl = copyTargets('redis://127.0.0.1', 'postgres://root:url-secret@127.0.0.1/test', env);
    expect(inUrl.toTarget).toMatchObject({ password: 'url-secret', display: 'postgres://root:****@127.0.0.1/test' });
  });

  it('explains a wrong command line', async () => {
    const source = await storeWith();
    expect((await runBin(['copy', '--from', source])).stderr).toContain('give both --from and --to');
    expect((await runBin(['copy', '--from', source, '--to', 'x.db', '-t', 'only'])).stderr).toContain('-t needs -d');
    const policy = await runBin(['copy', '--from', source, '--to', 'x.db', '--policy', 'merge']);
    expect(policy.status).toBe(2);
    expect(policy.stderr).toContain('--policy must be overwrite, skip or fail');
  });
});
