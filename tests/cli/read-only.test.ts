import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { sha256File, tempDirForTest } from '../helpers/files.js';

describe('--read-only on the command line', () => {
  it('refuses every writing command with a clear error and leaves the file byte for byte', async () => {
    const dir = tempDirForTest();
    const store = join(dir, 'ro.db');
    expect((await runInProcess(['write', 'user/1', 'Ada', '--store', store])).status).toBe(0);
    const before = sha256File(store);
    const records = join(dir, 'in.ndjson');
    writeFileSync(records, '{"key":"user/2","value":"QmVu"}\n');
    for (const argv of [
      ['write', 'user/1', 'Grace'],
      ['delete', 'user/1'],
      ['import', records],
    ]) {
      const run = await runInProcess([...argv, '--store', store, '--read-only']);
      expect(run.status, argv.join(' ')).toBe(1);
      expect(run.stderr, argv.join(' ')).toMatch(/read-only/);
    }
    const read = await runInProcess(['read', 'user/1', '--store', store, '--read-only']);
    expect(read).toMatchObject({ status: 0, stdout: 'Ada\n' });
    expect(sha256File(store)).toBe(before);
  });
});
