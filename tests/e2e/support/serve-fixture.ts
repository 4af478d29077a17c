import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { type RunningServer, startServer } from '../../../electron/serve/server.js';
import { createSqliteStore, type InspectorStore } from '../../../electron/store/index.js';

export interface ServedStore {
  /** The page URL, token included. */
  url: string;
  storePath: string;
  server: RunningServer;
  /** Another connection to the same file, as a service under development would have. */
  writer: InspectorStore;
}

/**
 * A fresh store file served in browser mode for each test, with a second writer on the same file.
 * `test.use({ readOnly: true })` serves it as `serve --read-only` does (the writer still writes).
 */
export const test = base.extend<{ readOnly: boolean; served: ServedStore }>({
  readOnly: [false, { option: true }],
  served: async ({ readOnly }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'si-e2e-'));
    const storePath = join(dir, 'e2e.store.db');
    const writer = createSqliteStore({ path: storePath });
    await writer.init();
    const server = await startServer({ storePath, rendererDir: resolve('out/renderer'), readOnly });
    await use({ url: server.url, storePath, server, writer });
    await server.close();
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
