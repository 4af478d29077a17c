/**
 * The store's threads from compiled JavaScript, as plain Node runs the built library (out/lib, tsc): the
 * thread's file must be found beside its module, and no flag of the parent process may stop it starting.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirForTest } from '../helpers/files.js';

const root = resolve(import.meta.dirname, '../..');
// Inside the repository (out/ is ignored), so the compiled code finds node_modules as the real build does.
const outDir = mkdtempSync(join(root, 'out', 'store-worker-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the store threads, compiled', () => {
  it('plain Node opens a store on threads from tsc’s output and reads back what it wrote', () => {
    const config = join(outDir, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(root, 'tsconfig.lib.json'),
        compilerOptions: {
          rootDir: join(root, 'electron'),
          outDir,
          declaration: false,
          sourceMap: false,
          incremental: false,
        },
        include: [],
        files: [
          join(root, 'electron/api/store-worker/threaded-backend.ts'),
          join(root, 'electron/api/store-worker/worker-main.ts'),
        ],
      }),
    );
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { stdio: 'pipe' });
    const path = join(tempDirForTest(), 'store.db');
    const script = `
      const { openThreadedBackend } = await import(${JSON.stringify(pathToFileURL(join(outDir, 'api/store-worker/threaded-backend.js')).href)});
      const { backend, kind } = await openThreadedBackend(${JSON.stringify(path)}, { readOnly: false });
      await backend.write({ key: 'k', value: 'from compiled threads' });
      const [record] = await backend.read('k');
      const info = await backend.info();
      await backend.close();
      console.log(JSON.stringify({ kind, value: record.value.toString(), records: info.records }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ kind: 'sqlite', value: 'from compiled threads', records: 1 });
  }, 120_000);
});
