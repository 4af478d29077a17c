import { findViolations } from './import-rules.js';

const violations = findViolations(process.argv[2] ?? process.cwd());
for (const violation of violations) {
  console.error(`${violation.file}: imports ${JSON.stringify(violation.specifier)}: ${violation.rule}`);
}
if (violations.length > 0) {
  console.error(
    `\n${violations.length} forbidden import${violations.length === 1 ? '' : 's'} (see docs/architecture.md)`,
  );
  process.exit(1);
}
console.log('imports: every layer imports only what it may');
