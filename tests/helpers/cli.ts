/**
 * The command line as a user runs it: the real binary (`node bin/store-inspector.js`, which loads
 * the TypeScript through tsx) in a child process, or `runCli` in this process for the many small
 * cases. Both give the exit status and what was printed on stdout and stderr.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../electron/cli/main.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = 'bin/store-inspector.js';

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the real binary to completion. */
export function runBin(args: string[], options: { env?: NodeJS.ProcessEnv; command?: string[] } = {}): Promise<CliRun> {
  const [file, ...prefix] = options.command ?? [process.execPath, BIN];
  return new Promise((resolve, reject) => {
    const child = spawn(file ?? process.execPath, [...prefix, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** Runs the command line in this process, collecting its output lines. */
export async function runInProcess(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  const joined = (lines: string[]) => lines.map((line) => `${line}\n`).join('');
  return { status, stdout: joined(out), stderr: joined(err) };
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** The first line serve printed. */
  line: string;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `store-inspector serve …` and waits for the line with its URL. */
export function startServe(args: string[], timeoutMs = 10_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd: PROJECT_ROOT,
    env: process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve printed no line within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end !== -1) {
        clearTimeout(timer);
        resolve({ child, line: stdout.slice(0, end), stderr: () => stderr, exited });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before printing its URL; stderr: ${stderr}`));
    });
  });
}
