/**
 * What `npm run lint` promises beyond style: the layer rules (Biome and scripts/check-imports.ts) and no unused
 * code (knip). One file, so its tests run one after another: each plants files in the tree for a moment, and
 * knip reads the whole tree.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { biomeMatchesTable } from '../../scripts/biome-layers.js';
import { findViolations } from '../../scripts/import-rules.js';

const ROOT = resolve('.');
/** A folder that exists only while a test runs: one entry (knip.jsonc's `*.child.ts`) and a module it uses. */
const PLANTED = 'tests/zz-planted-knip';

function knip(): { status: number | null; output: string } {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/knip'), ['--no-progress'], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Files written into the repository for one test and removed after it, whatever happens. */
function plantedFiles() {
  const planted: string[] = [];
  return {
    plant(path: string, text: string): string {
      const full = join(ROOT, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      planted.push(full);
      return path;
    },
    removeAll() {
      for (const file of planted.splice(0)) rmSync(file, { force: true });
    },
  };
}

/** `path:line rule` for each diagnostic Biome's linter reports on the given files. */
function biomeLint(paths: string[]): { status: number | null; findings: string[] } {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/biome'), ['lint', '--colors=off', ...paths], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  const findings = [...output.matchAll(/^(\S+):(\d+):\d+ lint\/\w+\/(\w+)/gm)].map(
    ([, file, line, rule]) => `${file}:${line} ${rule}`,
  );
  return { status: result.status, findings };
}

describe('the layering rules', () => {
  const trees: string[] = [];
  const planted = plantedFiles();
  afterEach(() => {
    for (const tree of trees.splice(0)) rmSync(tree, { recursive: true, force: true });
    planted.removeAll();
  });

  function treeWith(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'si-imports-'));
    trees.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('hold in this repository', () => {
    expect(findViolations(ROOT)).toEqual([]);
  });

  it('are what biome.json says (its layer overrides are written from scripts/layers.ts)', () => {
    expect(biomeMatchesTable(ROOT)).toBe(true);
  });

  it('Biome marks a planted layer violation in the editor and in lint', () => {
    const store = planted.plant(
      'electron/store/zz-planted-violation.ts',
      "import { app } from 'electron';\nimport type { Handlers } from '../api/handlers.js';\nexport { app };\nexport type { Handlers };\n",
    );
    const contract = planted.plant(
      'electron/api/contract/zz-planted-violation.ts',
      "import { dispatch } from '../dispatch.js';\nexport { dispatch };\n",
    );
    const page = planted.plant(
      'renderer/src/zz-planted-violation.ts',
      "import { readFileSync } from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { createSqliteStore } from '../../electron/store/index.js';\nimport type { CallName } from '../../electron/api/contract/calls.js';\nexport { readFileSync, Database, createSqliteStore };\nexport type { CallName };\n",
    );
    const { status, findings } = biomeLint([store, contract, page]);
    expect(status).not.toBe(0);
    expect(findings.sort()).toEqual(
      [
        `${store}:1 noRestrictedImports`,
        `${store}:2 noRestrictedImports`,
        `${contract}:1 noRestrictedImports`,
        `${page}:1 noNodejsModules`,
        `${page}:2 noRestrictedImports`,
        `${page}:3 noRestrictedImports`,
      ].sort(),
    );
  });

  it('Biome lets allowed imports through (the api into its contract, preload into the contract)', () => {
    const api = planted.plant(
      'electron/api/zz-planted-allowed.ts',
      "import type { CallName } from './contract/calls.js';\nexport type { CallName };\n",
    );
    const preload = planted.plant(
      'electron/preload/zz-planted-allowed.ts',
      "import type { CallName } from '../api/contract/calls.js';\nexport type { CallName };\n",
    );
    expect(biomeLint([api, preload])).toEqual({ status: 0, findings: [] });
  });

  it('npm run lint’s import check fails on a planted violation, naming the file', () => {
    planted.plant('electron/store/zz-planted-violation.ts', "const api = require('../api/handlers.js');\n");
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/check-imports.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'electron/store/zz-planted-violation.ts: imports "../api/handlers.js": electron/store must not import electron/api',
    );
  });

  it('catch what an import’s text hides: a require, a path that climbs out and back in', () => {
    const root = treeWith({
      'electron/store/a.ts': "const api = require('../api/handlers.js');\n",
      'electron/api/contract/b.ts': "import { dispatch } from '../../api/dispatch.js';\n",
      'electron/gomicro/c.ts': "import { x } from './x/../../serve/server.js';\n",
    });
    expect(findViolations(root).map((violation) => `${violation.file} ${violation.specifier}`)).toEqual([
      'electron/api/contract/b.ts ../../api/dispatch.js',
      'electron/gomicro/c.ts ./x/../../serve/server.js',
      'electron/store/a.ts ../api/handlers.js',
    ]);
  });

  it('catch the shared layer loading a package or another layer in any form', () => {
    const root = treeWith({
      'electron/common/a.ts': "const z = require('zod');\nexport const load = () => import('../store/index.js');\n",
      'electron/common/b.ts': "import { c } from './c.js';\n",
    });
    expect(findViolations(root).map((violation) => `${violation.specifier}: ${violation.rule}`)).toEqual([
      'zod: electron/common imports nothing but its own files',
      '../store/index.js: electron/common must not import electron/store (it may import electron/common)',
    ]);
  });

  it('ignore imports written in comments and strings', () => {
    const root = treeWith({
      'electron/store/a.ts': "// import { x } from '../api/x.js';\nconst text = \"import { y } from '../api/y.js'\";\n",
    });
    expect(findViolations(root)).toEqual([]);
  });
});

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
