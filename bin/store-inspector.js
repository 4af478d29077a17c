#!/usr/bin/env node
// The command line runs the JavaScript compiled into out/lib (by `npm run build`, and by `npm ci`
// through the prepare script): no TypeScript compiler at run time, so a script can call it in a loop.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/lib/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `store-inspector is not built: ${fileURLToPath(entry)} is missing.\nRun \`npm run build:lib\` (or \`npm run build\`) in ${root} first.\n`,
  );
  process.exit(1);
}
await import(entry.href);
