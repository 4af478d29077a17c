import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BboltError } from '../../electron/gomicro/bbolt-errors.js';
import { BboltFile } from '../../electron/gomicro/bbolt-reader.js';
import { createGoMicroStore, GoMicroFileError } from '../../electron/gomicro/gomicro-store.js';
import { StoreStateError } from '../../electron/store/types.js';
import {
  type GoMicroRecordSpec,
  readMeta,
  setBranchChild,
  type WrittenFile,
  writeBbolt,
  writeGoMicroTable,
  writeMeta,
} from './bbolt-writer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function records(n: number): GoMicroRecordSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `k/${String(i).padStart(5, '0')}`,
    value: `v${i}`,
    metadata: {},
  }));
}

/** A table of 400 records over ~40 leaves and a few branch levels. */
function table(): WrittenFile {
  return writeGoMicroTable(records(400), { maxLeafElements: 10, maxBranchElements: 4 });
}

function dataRoot(file: WrittenFile): number {
  const root = file.bucketRoots.get('data');
  if (root === undefined || root === 0) throw new Error('the data bucket has no page of its own');
  return root;
}

/** Saves `bytes` as table `t` of database `micro` in a fresh go-micro folder; returns that file's path. */
function save(bytes: Buffer): string {
  const root = mkdtempSync(join(tmpdir(), 'si-gomicro-corrupt-'));
  dirs.push(root);
  mkdirSync(join(root, 'micro'));
  const path = join(root, 'micro', 't.db');
  writeFileSync(path, bytes);
  return path;
}

/** Reads the whole table through the Store and returns the error it fails with. */
async function failure(bytes: Buffer): Promise<{ error: GoMicroFileError; path: string }> {
  const path = save(bytes);
  const store = createGoMicroStore({ path: join(path, '..', '..'), table: 't' });
  const started = performance.now();
  const error = await store.read('', { prefix: true }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(performance.now() - started).toBeLessThan(1000);
  expect(error).toBeInstanceOf(GoMicroFileError);
  expect(error).toBeInstanceOf(StoreStateError);
  expect((error as Error).message).toContain(path);
  return { error: error as GoMicroFileError, path };
}

function pageOf(error: GoMicroFileError): number | null {
  return error.source instanceof BboltError ? error.source.pageId : null;
}

function rewriteMetas(file: WrittenFile, patch: Partial<ReturnType<typeof readMeta>>, keepChecksum = false): void {
  for (const slot of [0, 1]) {
    const at = slot * file.pageSize + 16;
    const checksum = keepChecksum ? file.bytes.readBigUInt64LE(at + 56) : undefined;
    writeMeta(file.bytes, file.pageSize, slot, { ...readMeta(file.bytes, file.pageSize, slot), ...patch }, checksum);
  }
}

describe('corrupt bbolt files: a clear error, never a hang', () => {
  it('a truncated file: names the page that points past the end', async () => {
    const file = table();
    const { error } = await failure(file.bytes.subarray(0, Math.floor(file.highWater / 2) * file.pageSize));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/page \d+: needs page \d+, past the end of the file \(\d+ bytes, \d+ pages\)/);
    expect(pageOf(error)).not.toBeNull();
  });

  it('a file cut inside its meta pages', async () => {
    const { error } = await failure(table().bytes.subarray(0, 5000));
    expect(error.message).toContain('too short for two meta pages of 4096 bytes (truncated)');
  });

  it('zeroed meta pages', async () => {
    const file = table();
    file.bytes.fill(0, 0, 2 * file.pageSize);
    const { error } = await failure(file.bytes);
    expect(error.code).toBe('foreign-file');
    expect(error.message).toContain('no valid meta page (page 0: bad magic number 0x00000000');
    expect(error.message).toContain('page 1: bad magic number 0x00000000');
  });

  it('a bad magic number', async () => {
    const file = table();
    rewriteMetas(file, { magic: 0x12345678 });
    const { error } = await failure(file.bytes);
    expect(error.message).toContain('bad magic number 0x12345678 (a bbolt meta page has 0xed0cdaed)');
  });

  it('a bad checksum on both meta pages', async () => {
    const file = table();
    rewriteMetas(file, { txid: 99 }, true);
    const { error } = await failure(file.bytes);
    expect(error.message).toMatch(/page 0: checksum mismatch \(stored 0x[0-9a-f]{16}, computed 0x[0-9a-f]{16}\)/);
  });

  it('a page id past the end of the file', async () => {
    const file = table();
    const root = dataRoot(file);
    setBranchChild(file, root, 1, file.highWater + 500);
    rewriteMetas(file, { highWater: file.highWater + 1000 });
    const { error } = await failure(file.bytes);
    expect(pageOf(error)).toBe(root);
    expect(error.message).toContain(`page ${root}: needs page ${file.highWater + 500}, past the end of the file`);
  });

  it('a page id past the transaction high-water mark', async () => {
    const file = table();
    const root = dataRoot(file);
    setBranchChild(file, root, 0, file.highWater + 3);
    const { error } = await failure(file.bytes);
    expect(error.message).toContain(
      `page ${root}: element 0 points to page ${file.highWater + 3}, beyond the high-water`,
    );
  });

  it('a cycle of page pointers', async () => {
    const file = table();
    const root = dataRoot(file);
    setBranchChild(file, root, 2, root);
    const { error } = await failure(file.bytes);
    expect(error.message).toContain(`page ${root}: points to page ${root}, which this walk already visited`);
    expect(error.message).toContain('a cycle of page pointers');
  });

  it('a cycle through a deeper branch back to the root', async () => {
    const file = table();
    const root = dataRoot(file);
    const inner = file.pages.filter((p) => p.kind === 'branch' && p.id !== root).at(-1);
    if (inner === undefined) throw new Error('no inner branch page');
    setBranchChild(file, inner.id, 0, root);
    const { error } = await failure(file.bytes);
    expect(error.message).toContain('a cycle of page pointers');
  });

  it('a branch pointing at the freelist page', async () => {
    const file = table();
    setBranchChild(file, dataRoot(file), 1, 2);
    const { error } = await failure(file.bytes);
    expect(error.message).toContain('page 2: expected a branch or leaf page, found a freelist page');
  });

  it('a page whose header names another page', async () => {
    const file = table();
    const leaf = file.pages.find((p) => p.kind === 'leaf');
    if (leaf === undefined) throw new Error('no leaf');
    file.bytes.writeBigUInt64LE(7777n, leaf.id * file.pageSize);
    const { error } = await failure(file.bytes);
    expect(error.message).toContain(`page ${leaf.id}: its header says it is page 7777`);
  });

  it('a leaf element that reaches past its page', async () => {
    const file = table();
    const leaf = file.pages.find((p) => p.kind === 'leaf');
    if (leaf === undefined) throw new Error('no leaf');
    file.bytes.writeUInt32LE(1_000_000, leaf.id * file.pageSize + 16 + 12);
    const { error } = await failure(file.bytes);
    expect(error.message).toContain(`page ${leaf.id}: element 0 reaches past the end of the page`);
  });

  it('leaves linked out of key order', async () => {
    const file = table();
    const root = dataRoot(file);
    const first = file.bytes.readBigUInt64LE(root * file.pageSize + 16 + 8);
    const second = file.bytes.readBigUInt64LE(root * file.pageSize + 32 + 8);
    setBranchChild(file, root, 0, Number(second));
    setBranchChild(file, root, 1, Number(first));
    const { error } = await failure(file.bytes);
    expect(error.message).toContain('keys are not in ascending order across pages');
  });

  it('an overflow count that runs past the end of the file', async () => {
    const file = table();
    const leaf = file.pages.find((p) => p.kind === 'leaf');
    if (leaf === undefined) throw new Error('no leaf');
    file.bytes.writeUInt32LE(0x7fffffff, leaf.id * file.pageSize + 12);
    const { error } = await failure(file.bytes);
    expect(error.message).toContain(`page ${leaf.id}: its 2147483647 overflow pages pass the high-water mark`);
  });

  it('a bucket entry for "data" that is a plain key', async () => {
    const file = writeBbolt({ data: { entries: [['x', 'y']] } });
    file.bytes.writeUInt32LE(0, file.rootPgid * file.pageSize + 16);
    const { error } = await failure(file.bytes);
    expect(error.message).toContain('bucket "data" is a plain key, not a bucket');
  });

  it('a file that is not bbolt at all', async () => {
    const { error } = await failure(Buffer.from('SQLite format 3\0'.padEnd(9000, '\0'), 'latin1'));
    expect(error.code).toBe('foreign-file');
    expect(error.message).toContain('not a bbolt database');
  });

  it('a bbolt file written on a big-endian machine', async () => {
    const file = table();
    for (const slot of [0, 1]) file.bytes.writeUInt32BE(0xed0cdaed, slot * file.pageSize + 16);
    const { error } = await failure(file.bytes);
    expect(error.message).toContain('written on a big-endian machine (unsupported)');
  });
});

describe('values that are not go-micro records', () => {
  async function recordFailure(value: string): Promise<string> {
    const entries = [
      ['a', '{"Key":"a","Value":null,"Metadata":{},"ExpiresAt":"0001-01-01T00:00:00Z"}'],
      ['bad', value],
    ] as const;
    const path = save(writeBbolt({ data: { entries } }).bytes);
    const store = createGoMicroStore({ path: join(path, '..', '..'), table: 't' });
    expect(await store.read('a')).toHaveLength(1);
    const error = await store.read('bad').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GoMicroFileError);
    expect((error as GoMicroFileError).code).toBe('corrupt-file');
    expect((error as Error).message).toContain(`${path}: record "bad": `);
    return (error as Error).message;
  }

  it.each([
    ['not json', 'value is not go-micro JSON'],
    ['[1,2]', 'value is JSON but not a go-micro record object'],
    ['{"Value":"","ExpiresAt":"0001-01-01T00:00:00Z"}', 'field "Key" is missing or not a string'],
    ['{"Key":"other","Value":"","ExpiresAt":"0001-01-01T00:00:00Z"}', 'field "Key" says "other"'],
    ['{"Key":"bad","Value":"***","ExpiresAt":"0001-01-01T00:00:00Z"}', 'field "Value" is not base64 or null'],
    ['{"Key":"bad","ExpiresAt":"0001-01-01T00:00:00Z"}', 'field "Value" is missing'],
    ['{"Key":"bad","Value":"","Metadata":[1],"ExpiresAt":"0001-01-01T00:00:00Z"}', 'field "Metadata" is not an object'],
    ['{"Key":"bad","Value":""}', 'field "ExpiresAt" is missing'],
    ['{"Key":"bad","Value":"","ExpiresAt":"yesterday"}', 'field "ExpiresAt" is not an RFC 3339 time: "yesterday"'],
    ['{"Key":"bad","Value":"","ExpiresAt":"2024-02-30T00:00:00Z"}', 'is not an RFC 3339 time'],
  ])('%s', async (value, message) => {
    expect(await recordFailure(value)).toContain(message);
  });

  it('fails a listing that has to decide on a broken record, naming it', async () => {
    const path = save(writeBbolt({ data: { entries: [['x', 'oops']] } }).bytes);
    const store = createGoMicroStore({ path: join(path, '..', '..'), table: 't' });
    await expect(store.list()).rejects.toThrow(`${path}: record "x": value is not go-micro JSON`);
    const [info] = await store.tables('micro');
    expect(info?.error).toContain('record "x"');
  });
});

describe('the bbolt reader on its own', () => {
  it('reports errors with the file and page, as BboltError', () => {
    const file = table();
    setBranchChild(file, dataRoot(file), 0, dataRoot(file));
    const error = (() => {
      try {
        BboltFile.fromBytes(file.bytes, 'mem.db').view((snap) => {
          const bucket = snap.bucket(['data']);
          return bucket === null ? null : snap.cursor(bucket).first();
        });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BboltError);
    expect(error).toMatchObject({ problem: 'cycle', file: 'mem.db', pageId: dataRoot(file) });
  });
});
