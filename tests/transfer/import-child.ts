/**
 * Child process for atomicity.test.ts: imports a records file into a store and prints one line per
 * progress report (`progress <records>`), then `done <records written>`. The test kills it with SIGKILL
 * after the first progress line, in the middle of the import's one transaction.
 * Usage: node --import tsx tests/transfer/import-child.ts <store path> <records file>
 */
import { createReadStream, statSync } from 'node:fs';
import { importRecords } from '../../electron/transfer/import-records.js';

const [storePath, file] = process.argv.slice(2);
if (!storePath || !file) {
  console.error('usage: import-child.ts <store path> <records file>');
  process.exit(2);
}

try {
  const report = await importRecords({
    storePath,
    input: createReadStream(file),
    totalBytes: statSync(file).size,
    namespace: { database: 'micro', table: 'micro' },
    onProgress: ({ records }) => process.stdout.write(`progress ${records}\n`),
  });
  process.stdout.write(`done ${report.written}\n`);
} catch (error) {
  process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
