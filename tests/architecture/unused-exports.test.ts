import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
/** A folder that exists only while a test runs: one entry (knip.jsonc's `*.child.ts`) and a module it uses. */
const PLANTED = 'tests/zz-planted-knip';

function knip(): { status: number | null; output: string } {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/knip'), ['--no-progress'], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the unused-export check of npm run lint (knip)', { timeout: 60_000 }, () => {
  afterEach(() => rmSync(join(ROOT, PLANTED), { recursive: true, force: true }));

  it('finds nothing unused in this repository', () => {
    expect(knip()).toEqual({ status: 0, output: '' });
  });

  it('fails on a planted export that nothing imports, naming it', () => {
    mkdirSync(join(ROOT, PLANTED), { recursive: true });
    writeFileSync(join(ROOT, PLANTED, 'entry.child.ts'), "import { used } from './helper.js';\n\nused();\n");
    writeFileSync(
      join(ROOT, PLANTED, 'helper.ts'),
      'export function used(): void {}\n\nexport function plantedButUnused(): void {}\n',
    );
    const { status, output } = knip();
    expect(status).not.toBe(0);
    expect(output).toMatch(new RegExp(`plantedButUnused\\s+function\\s+${PLANTED}/helper\\.ts:3`));
  });
});
