/**
 * `npm start`: build, then launch the desktop app. Where the Electron runtime cannot be had (it is
 * downloaded on first start, and offline machines cannot), say so in one line and serve the same
 * app as a local web page on the default store instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runCli } from '../electron/cli/main.js';

const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const appArgs = args.filter((arg) => arg !== '--skip-build');

function build(): void {
  const result = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron binary, or why there is none. Asking `electron` for its path may try a download. */
function electronBinary(): { path: string } | { reason: string } {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const path = probe.stdout.trim();
  if (probe.status === 0 && path !== '' && existsSync(path)) return { path };
  const detail = `${probe.stderr}`.split('\n').find((line) => /error|failed|ENOTFOUND|EAI_AGAIN/i.test(line));
  return { reason: detail?.trim() || `no Electron binary at ${path || 'the expected path'}` };
}

if (!skipBuild) build();
const electron = electronBinary();
if ('path' in electron) {
  const child = spawn(electron.path, ['.', ...appArgs], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron runtime unavailable (${electron.reason}); running browser mode on the default store instead.`);
  const output = {
    out: (text: string) => console.log(text),
    bytes: (data: Uint8Array) => process.stdout.write(data),
    err: (text: string) => console.error(text),
  };
  process.exitCode = await runCli(['serve', ...appArgs], output);
}
