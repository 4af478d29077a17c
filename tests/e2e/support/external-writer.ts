/**
 * Another process writing the store the app has open, as a service under development would:
 * `node --import tsx tests/e2e/support/external-writer.ts <store file>`, then one JSON command a
 * line on standard input; each is answered, once committed, with `{"done": id, "at": ms}`.
 */
import { createInterface } from 'node:readline';
import { createSqliteStore } from '../../../electron/store/index.js';

export type WriterCommand =
  | { op: 'write'; key: string; value: string; ttl?: number; database?: string; table?: string }
  | { op: 'delete'; key: string; database?: string; table?: string }
  | { op: 'purge' };

const path = process.argv[2];
if (path === undefined) throw new Error('usage: external-writer.ts <store file>');
const store = createSqliteStore({ path });
await store.init();

async function run(command: WriterCommand): Promise<void> {
  if (command.op === 'write') {
    const { key, value, ttl, database, table } = command;
    await store.write({ key, value }, { ttl, database, table });
  } else if (command.op === 'delete') {
    await store.delete(command.key, { database: command.database, table: command.table });
  } else {
    await store.purgeExpired();
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const { id, command } = JSON.parse(line) as { id: number; command: WriterCommand };
  await run(command);
  process.stdout.write(`${JSON.stringify({ done: id, at: Date.now() })}\n`);
}
await store.close();
