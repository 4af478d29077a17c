import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findViolations } from '../../scripts/import-rules.js';

describe('the layering rules', () => {
  const trees: string[] = [];
  afterEach(() => {
    for (const tree of trees.splice(0)) rmSync(tree, { recursive: true, force: true });
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
    expect(findViolations(resolve('.'))).toEqual([]);
  });

  it('catch the store importing electron', () => {
    const root = treeWith({ 'electron/store/x.ts': "import { app } from 'electron';\n" });
    expect(findViolations(root)).toEqual([
      {
        file: 'electron/store/x.ts',
        specifier: 'electron',
        rule: 'only electron/main and electron/preload may import electron',
      },
    ]);
  });

  it('catch the api importing electron, and the store importing the api', () => {
    const root = treeWith({
      'electron/api/a.ts': "export { ipcMain } from 'electron';\n",
      'electron/store/b.ts': "import type { Handlers } from '../api/handlers.js';\n",
    });
    expect(findViolations(root).map((violation) => violation.rule)).toEqual([
      'only electron/main and electron/preload may import electron',
      'electron/store must not import electron/api',
    ]);
  });

  it('catch the renderer importing Node modules, native modules or the store', () => {
    const root = treeWith({
      'renderer/src/a.tsx': "import { readFileSync } from 'node:fs';\nimport path from 'path';\n",
      'renderer/src/b.ts':
        "const db = require('better-sqlite3');\nimport { createSqliteStore } from '../../electron/store/index.js';\n",
      'renderer/src/c.ts': "import type { CallName } from '../../electron/api/contract/calls.js';\n",
    });
    expect(findViolations(root).map((violation) => `${violation.file} ${violation.specifier}`)).toEqual([
      'renderer/src/a.tsx node:fs',
      'renderer/src/a.tsx path',
      'renderer/src/b.ts better-sqlite3',
      'renderer/src/b.ts ../../electron/store/index.js',
    ]);
  });
});
