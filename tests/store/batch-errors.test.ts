/**
 * A batch the Store refuses says which record was wrong as a field, not only in its message, so a caller (the
 * importer) can name the record in its own terms without reading the message back.
 */
import { describe, expect, it } from 'vitest';
import { createSqliteStore, RecordInputError } from '../../electron/store/index.js';

const NS = { database: 'micro', table: 'batch' };

describe('a refused batch', () => {
  it('names the refused record by its place in the batch, as a field and in the message', async () => {
    const store = createSqliteStore();
    const error = await store
      .writeMany(NS, [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
        { key: '', value: '3' },
      ])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RecordInputError);
    expect(error).toMatchObject({ recordIndex: 2, problem: 'key must not be empty' });
    expect((error as Error).message).toBe('record 2: key must not be empty');
    expect(await store.list(NS)).toEqual([]);
    await store.close();
  });
});
