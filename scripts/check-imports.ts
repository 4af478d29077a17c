/**
 * `npm run lint`'s layer check beyond Biome: biome.json's layer overrides still say what scripts/layers.ts
 * says, and no import reaches a layer it may not (scripts/import-rules.ts).
 */
import { biomeMatchesTable } from './biome-layers.js';
import { findViolations } from './import-rules.js';

const root = process.argv[2] ?? process.cwd();
let failed = false;
if (!biomeMatchesTable(root)) {
  console.error(
    'biome.json: layer overrides differ from scripts/layers.ts; run npx tsx scripts/biome-layers.ts --write',
  );
  failed = true;
}
const violations = findViolations(root);
for (const violation of violations) {
  console.error(`${violation.file}: imports ${JSON.stringify(violation.specifier)}: ${violation.rule}`);
}
if (violations.length > 0) {
  console.error(
    `\n${violations.length} forbidden import${violations.length === 1 ? '' : 's'} (see docs/architecture.md)`,
  );
  failed = true;
}
if (failed) process.exit(1);
console.log('imports: every layer imports only what it may');
