import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createSqliteStore } from '../../electron/store/index.js';

test('a Node service imports store-inspector/store and writes the file the app inspects', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'si-package-'));
  const path = join(dir, 'service.db');
  try {
    const service = `
      import { createSqliteStore } from 'store-inspector/store';
      const store = createSqliteStore({ path: ${JSON.stringify(path)}, table: 'orders' });
      await store.write({ key: 'order/1', value: 'paid', metadata: { total: 42 } }, { ttl: 60_000 });
      await store.close();`;
    execFileSync(process.execPath, ['--input-type=module', '-e', service], { stdio: 'pipe' });
    const inspector = createSqliteStore({ path, readOnly: true });
    const [record] = await inspector.read('order/1', { table: 'orders' });
    await inspector.close();
    expect(Buffer.from(record?.value ?? []).toString()).toBe('paid');
    expect(record?.metadata).toEqual({ total: 42 });
    expect(record?.expiry).toBeGreaterThan(50_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
