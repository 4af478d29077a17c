/** One page-size limit and one preview length for the API and both backends, so one grid serves either. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calls } from '../../electron/api/contract/calls.js';
import { MAX_PAGE_SIZE, PREVIEW_BYTES } from '../../electron/common/page-limits.js';
import { createGoMicroInspector } from '../../electron/gomicro/gomicro-inspector.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { goMicroValue, writeBbolt } from '../gomicro/bbolt-writer.js';
import { makeTempDir, removeDir } from '../helpers/files.js';

const NS = { database: 'micro', table: 'limits' };
const VALUE = 'v'.repeat(PREVIEW_BYTES * 3);
const dir = makeTempDir('si-page-limits-');

afterAll(() => removeDir(dir));

async function backends() {
  mkdirSync(join(dir, NS.database), { recursive: true });
  const file = writeBbolt({ data: { entries: [['k', goMicroValue({ key: 'k', value: VALUE })]] } });
  writeFileSync(join(dir, NS.database, `${NS.table}.db`), file.bytes);
  const gomicro = createGoMicroInspector({ path: dir });
  const sqlite = createSqliteStore();
  await sqlite.writeMany(NS, [{ key: 'k', value: VALUE }]);
  return [sqlite, gomicro] as const;
}

describe('page limits', () => {
  it('both backends take MAX_PAGE_SIZE records a page, refuse one more, and preview PREVIEW_BYTES', async () => {
    for (const backend of await backends()) {
      const page = await backend.page(NS, { filter: {}, order: 'asc', limit: MAX_PAGE_SIZE });
      expect(page.records.map((record) => record.preview.length)).toEqual([PREVIEW_BYTES]);
      await expect(backend.page(NS, { filter: {}, order: 'asc', limit: MAX_PAGE_SIZE + 1 })).rejects.toThrow(
        `page size must be an integer from 1 to ${MAX_PAGE_SIZE}`,
      );
      await backend.close();
    }
  });

  it("the API's schema takes the same limit", () => {
    const page = (limit: number) => calls['records.page'].arg.safeParse({ ...NS, limit }).success;
    expect([page(MAX_PAGE_SIZE), page(MAX_PAGE_SIZE + 1)]).toEqual([true, false]);
  });
});
