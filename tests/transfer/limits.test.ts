/**
 * One set of record limits (electron/common/record-limits.ts) for every way in: the API's schemas, the
 * Store's own input checks (so a Node program using the library is held to them too) and imports, which
 * name the record (its number, from 1, and its key) and write nothing.
 */
import { describe, expect, it } from 'vitest';
import { keySchema, metadataSchema } from '../../electron/api/contract/schemas.js';
import { MAX_KEY_LENGTH, MAX_METADATA_DEPTH } from '../../electron/common/record-limits.js';
import { StoreInputError } from '../../electron/store/index.js';
import { goLine, importFile, MICRO, openStore, seedTypical, snapshot, thrown, workspace } from './helpers.js';

/** Metadata nested `depth` levels deep, the metadata object itself being level 1. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let level = 1; level < depth; level++) value = { a: value };
  return value;
}

describe('limits on keys', () => {
  it('an import refuses a key over the limit, naming the record, and writes nothing', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const long = 'k'.repeat(MAX_KEY_LENGTH + 1);
    const file = ws.file('long.ndjson', `${goLine('fine', 'v')}\n${goLine(long, 'v')}\n`);
    const error = await thrown(() => importFile(ws.store, file));
    expect(error.message).toMatch(
      new RegExp(
        `^record 2 \\("k{60}"…\\): key is ${MAX_KEY_LENGTH + 1} characters long; keys are limited to ${MAX_KEY_LENGTH}`,
      ),
    );
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('the Store refuses the same key from any caller, and takes one at the limit', async () => {
    const ws = workspace();
    const store = openStore(ws.store);
    const longest = 'k'.repeat(MAX_KEY_LENGTH);
    await store.write({ key: longest, value: 'v' });
    expect(await store.list()).toEqual([longest]);
    const error = await thrown(() => store.write({ key: `${longest}k`, value: 'v' }));
    expect(error).toBeInstanceOf(StoreInputError);
    expect(error.message).toMatch(/key is 65537 characters long; keys are limited to 65536/);
    await expect(store.writeMany(MICRO, [{ key: `${longest}k`, value: 'v' }])).rejects.toThrow(
      /record 0: key is 65537/,
    );
  });

  it('the API schema draws the line at the same length', () => {
    expect(keySchema.safeParse('k'.repeat(MAX_KEY_LENGTH)).success).toBe(true);
    expect(keySchema.safeParse('k'.repeat(MAX_KEY_LENGTH + 1)).success).toBe(false);
  });
});

describe('limits on metadata nesting', () => {
  it('an import refuses metadata nested 10,000 deep with a message, not a stack overflow', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    // Written by hand: JSON.stringify itself would overflow the stack on this.
    const deep = `${'{"a":'.repeat(9_999)}{"leaf":true}${'}'.repeat(9_999)}`;
    const line = `{"key":"deep","value":"dg==","metadata":${deep}}`;
    const file = ws.file('deep.ndjson', `${goLine('fine', 'v')}\n${line}\n`);
    for (const dryRun of [true, false]) {
      const error = await thrown(() => importFile(ws.store, file, { dryRun }));
      expect(error.message).toMatch(/^record 2 \("deep"\): metadata a\.a\.a.*is nested deeper than 256 levels/);
    }
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('the Store refuses it from any caller, and takes metadata at the limit', async () => {
    const store = openStore(workspace().store);
    await store.write({ key: 'at-limit', value: 'v', metadata: nested(MAX_METADATA_DEPTH) });
    const [record] = await store.read('at-limit');
    expect(record?.metadata).toEqual(nested(MAX_METADATA_DEPTH));
    const error = await thrown(() => store.write({ key: 'deep', value: 'v', metadata: nested(10_000) }));
    expect(error).toBeInstanceOf(StoreInputError);
    expect(error.message).toMatch(/is nested deeper than 256 levels; nothing was written$/);
    await expect(store.read('deep')).rejects.toThrow();
  });

  it('the API schema draws the line at the same depth', () => {
    expect(metadataSchema.safeParse(nested(MAX_METADATA_DEPTH)).success).toBe(true);
    expect(metadataSchema.safeParse(nested(MAX_METADATA_DEPTH + 1)).success).toBe(false);
  });
});
