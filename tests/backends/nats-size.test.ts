/**
 * Values past the NATS server's max_payload (1 MB by default), against the real server: a copy, an import and
 * an editor write refuse them before anything is written, naming the key and the sizes; and a copy that a
 * server refusal stops part way counts the records that stayed written, those of the failing batch included.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { importTargetOf } from '../../electron/api/import-target.js';
import { openBackend } from '../../electron/api/open-backend.js';
import type { Backend } from '../../electron/backends/backend.js';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import type { Namespace } from '../../electron/store/namespaces.js';
import type { RecordInput } from '../../electron/store/types.js';
import { copyBetween } from '../../electron/transfer/copy-between.js';
import { importIntoBackend } from '../../electron/transfer/import-to-backend.js';
import { tempDirForTest } from '../helpers/files.js';
import { NATS, serverAvailable } from './server-available.js';

const hasNats = await serverAvailable(NATS);
const MICRO: Namespace = { database: 'micro', table: 'micro' };
const FIVE_MB = 5 * 1024 * 1024;
const opened: Backend[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const backend of opened.splice(0)) await backend.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function open(text: string): Promise<Backend> {
  const { backend } = await openBackend(parseConnectionString(text, {}), { threads: 'main', readOnly: false });
  opened.push(backend);
  return backend;
}

/** A bucket of its own (with a per-message limit when given), destroyed after the test. */
async function bucket(maxValueSize?: number): Promise<string> {
  const nc = await connect({ servers: '127.0.0.1:4222' });
  const name = `si_size_${randomBytes(5).toString('hex')}`;
  const kv = await new Kvm(nc).create(name, { history: 1, ...(maxValueSize === undefined ? {} : { maxValueSize }) });
  cleanups.push(async () => {
    await kv.destroy();
    await nc.close();
  });
  return name;
}

/** A SQLite store holding `count` small records in micro/micro, and `extra` after them. */
async function sqliteSource(count: number, extra: RecordInput[] = []): Promise<Backend> {
  const backend = await open(join(tempDirForTest(), 'source.db'));
  const records = Array.from({ length: count }, (_, i) => ({
    key: `key-${String(i).padStart(6, '0')}`,
    value: `v${i}`,
  }));
  await backend.editing?.writeMany(MICRO, [...records, ...extra]);
  return backend;
}

async function keysIn(target: Backend, namespace: Namespace): Promise<number> {
  return (await target.reading.recordBatch(namespace, {}, undefined, 100_000)).length;
}

const TOO_LARGE =
  /key "key-000200": its value is 5,242,880 bytes, 6,990,5\d\d bytes as go-micro's envelope .*max_payload.*about 786,\d{3} bytes fit: nothing was written/;

describe.skipIf(!hasNats)('values past max_payload', () => {
  it('a copy refuses a 5 MB value before writing anything', async () => {
    const database = await bucket();
    const source = await sqliteSource(404, [{ key: 'key-000200', value: Buffer.alloc(FIVE_MB, 7) }]);
    const target = await open('nats://127.0.0.1:4222');
    const to = { database, table: 'micro' };
    const copy = copyBetween({ source, target, scope: { kind: 'table', namespace: MICRO }, to, batchSize: 64 });
    await expect(copy).rejects.toThrow(TOO_LARGE);
    expect(await keysIn(target, to)).toBe(0);
  });

  it('an import refuses it before writing anything', async () => {
    const database = await bucket();
    const path = join(tempDirForTest(), 'big.ndjson');
    const line = (key: string, value: Buffer) => JSON.stringify({ key, value: value.toString('base64'), metadata: {} });
    const lines = Array.from({ length: 300 }, (_, i) =>
      line(`key-${String(i).padStart(6, '0')}`, Buffer.from(`v${i}`)),
    );
    lines.splice(200, 1, line('key-000200', Buffer.alloc(FIVE_MB, 7)));
    writeFileSync(path, `${lines.join('\n')}\n`);
    const target = await open('nats://127.0.0.1:4222');
    const to = { database, table: 'micro' };
    const imported = importIntoBackend({ path, namespace: to, target: importTargetOf(target) });
    await expect(imported).rejects.toThrow(TOO_LARGE);
    expect(await keysIn(target, to)).toBe(0);
  });

  it("the editor's write says the same, and a value just under the limit goes in", async () => {
    const database = await bucket();
    const target = await open('nats://127.0.0.1:4222');
    const to = { database, table: 'micro' };
    const editing = target.editing;
    if (editing === undefined) throw new Error('NATS opened read-only');
    const write = (value: Buffer) => editing.writeIfUnchanged(to, { key: 'key-000200', value }, null);
    await expect(write(Buffer.alloc(FIVE_MB, 7))).rejects.toThrow(TOO_LARGE);
    const fits = Number(
      /about ([\d,]+) bytes fit/
        .exec(String(await write(Buffer.alloc(FIVE_MB)).catch(String)))?.[1]
        ?.replaceAll(',', ''),
    );
    await expect(write(Buffer.alloc(fits, 7))).resolves.toMatch(/^\d+$/);
    await expect(write(Buffer.alloc(fits + 4, 7))).rejects.toThrow(/nothing was written/);
  });
});

describe.skipIf(!hasNats)('a copy the server stops part way', () => {
  it('counts the records that stayed, those of the failing batch included', async () => {
    // The bucket's own per-message limit (below max_payload): only the server knows it, mid-batch.
    const database = await bucket(1_000);
    const source = await sqliteSource(100, [{ key: 'key-000050x', value: Buffer.alloc(2_000, 7) }]);
    const target = await open('nats://127.0.0.1:4222');
    const to = { database, table: 'micro' };
    const copy = copyBetween({ source, target, scope: { kind: 'table', namespace: MICRO }, to, batchSize: 20 });
    const error = await copy.then(
      () => new Error('copied'),
      (failure: unknown) => failure as Error,
    );
    const stayed = await keysIn(target, to);
    // Batches 0-49 and 51 up to the failing record's batch (key-000050x is the 52nd key, in the third batch).
    expect(stayed).toBeGreaterThan(40);
    expect(error.message).toContain(
      `(not atomic: ${stayed} record(s) were written whole before it stopped, none in part)`,
    );
    expect(error.message).not.toMatch(/nothing was written/);
  });
});
