/**
 * The seam as the session, import and the watcher use it: what an open file declares it can do, and an
 * import into a backend that cannot keep what the file carries (a real SQLite store given Redis's
 * capabilities, since Redis keeps no metadata): refused whole, never stored without it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importTargetOf } from '../../electron/api/import-target.js';
import { openBackend } from '../../electron/api/open-backend.js';
import { type Backend, canEdit } from '../../electron/backends/backend.js';
import { importIntoBackend } from '../../electron/transfer/import-to-backend.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };
const opened: Backend[] = [];

async function sqlite(readOnly = false): Promise<{ backend: Backend; path: string }> {
  const path = join(tempDirForTest(), 'store.db');
  // A read-only open never creates the file: it is made first.
  if (readOnly)
    await (
      await openBackend({ kind: 'path', path, display: path }, { readOnly: false, threads: 'main' })
    ).backend.close();
  const { backend } = await openBackend({ kind: 'path', path, display: path }, { readOnly, threads: 'main' });
  opened.push(backend);
  return { backend, path };
}

afterEach(async () => {
  for (const backend of opened.splice(0)) await backend.close().catch(() => {});
});

function redisLike(backend: Backend): Backend {
  return { ...backend, kind: 'redis', capabilities: { ...backend.capabilities, metadata: false } };
}

function recordsFile(lines: object[]): string {
  const path = join(tempDirForTest(), 'records.ndjson');
  writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return path;
}

describe('a SQLite file behind the seam', () => {
  it('declares everything, with its change log and its upkeep', async () => {
    const { backend } = await sqlite();
    expect(backend.kind).toBe('sqlite');
    expect(canEdit(backend)).toBe(true);
    expect(backend.capabilities).toMatchObject({ editing: true, metadata: true, liveChanges: 'polling' });
    expect(backend.watching?.mode).toBe('polling');
    expect(backend.upkeep).toBeDefined();
  });

  it('opened read-only, it has no editing part and no upkeep', async () => {
    const { backend } = await sqlite(true);
    expect(canEdit(backend)).toBe(false);
    expect(backend.capabilities.editing).toBe(false);
    expect(backend.upkeep).toBeUndefined();
  });
});

describe('importing into a backend without metadata', () => {
  it('a dry run counts the records it could not keep; the import refuses them and writes nothing', async () => {
    const { backend } = await sqlite();
    const target = importTargetOf(redisLike(backend));
    const path = recordsFile([
      { key: 'plain', value: Buffer.from('v').toString('base64') },
      { key: 'tagged', value: Buffer.from('v').toString('base64'), metadata: { team: 'a' } },
    ]);
    const preview = await importIntoBackend({ path, namespace: NS, target, dryRun: true });
    expect(preview).toMatchObject({ records: 2, written: 0, cannotKeep: { metadata: 1, expiry: 0 } });
    await expect(importIntoBackend({ path, namespace: NS, target })).rejects.toThrow(
      'Redis keeps no metadata (1 record(s) of the file carry some): nothing was written',
    );
    expect(await backend.reading.count(NS, {})).toBe(0);
  });

  it('with dropUnkept, the preview stops on nothing and the import writes them without metadata, expiry kept', async () => {
    const { backend } = await sqlite();
    const target = importTargetOf(redisLike(backend));
    const path = recordsFile([
      { key: 'plain', value: Buffer.from('v').toString('base64') },
      { key: 'tagged', value: Buffer.from('v').toString('base64'), metadata: { team: 'a' }, expiry: 3_600 * 1e9 },
    ]);
    const preview = await importIntoBackend({ path, namespace: NS, target, dryRun: true, dropUnkept: true });
    expect(preview).toMatchObject({ cannotKeep: { metadata: 1, expiry: 0 }, unkept: [] });
    expect(await importIntoBackend({ path, namespace: NS, target, dropUnkept: true })).toMatchObject({ written: 2 });
    const [tagged] = await backend.reading.recordsByKey(NS, ['tagged']);
    expect(tagged?.metadata).toEqual({});
    expect(tagged?.expiry).toBeGreaterThan(0);
  });

  it('a file without metadata imports, and a second run overwrites', async () => {
    const { backend } = await sqlite();
    const target = importTargetOf(redisLike(backend));
    const path = recordsFile([{ key: 'plain', value: Buffer.from('v').toString('base64') }]);
    expect(await importIntoBackend({ path, namespace: NS, target })).toMatchObject({ written: 1, existing: 0 });
    expect(await importIntoBackend({ path, namespace: NS, target })).toMatchObject({ overwritten: 1, existing: 1 });
    expect(await backend.reading.count(NS, {})).toBe(1);
  });

  it('a read-only backend previews, and refuses the import with its wording', async () => {
    const { backend } = await sqlite(true);
    const path = recordsFile([{ key: 'k', value: '' }]);
    const target = importTargetOf(backend);
    expect(await importIntoBackend({ path, namespace: NS, target, dryRun: true })).toMatchObject({ records: 1 });
    await expect(importIntoBackend({ path, namespace: NS, target })).rejects.toThrow('the store is open read-only');
  });
});
