/** `store-inspector list | head -1`: the reader leaves early; the command exits quietly, no EPIPE stack trace. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { BIN, cliOnFreshStore, PROJECT_ROOT } from '../helpers/cli.js';

describe('a closed standard output', () => {
  it('list stops without an error when its reader has gone', async () => {
    const { store } = cliOnFreshStore();
    const library = createSqliteStore({ path: store });
    await library.writeMany(
      { database: 'micro', table: 'micro' },
      Array.from({ length: 50_000 }, (_, index) => ({ key: `key/${String(index).padStart(6, '0')}`, value: 'v' })),
    );
    await library.close();

    const child = spawn(process.execPath, [BIN, 'list', '--store', store], { cwd: PROJECT_ROOT, stdio: 'pipe' });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // What `head -1` does: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
