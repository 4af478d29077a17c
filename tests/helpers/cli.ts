/**
 * The command line as a user runs it: the real binary (`node bin/store-inspector.js`, which runs the
 * built JavaScript in out/lib) in a child process, or `runCli` in this process for the many small
 * cases. Both give the exit status and what was printed on stdout and stderr.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../electron/cli/main.js';
import { tempDirForTest } from './files.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = 'bin/store-inspector.js';

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Standard output as bytes, for values that are not text. */
  stdoutBytes: Buffer;
  stderr: string;
}

export interface BinOptions {
  env?: NodeJS.ProcessEnv;
  command?: string[];
  /** Bytes for the command's standard input (otherwise it has none). */
  input?: Uint8Array;
}

/** Runs the real binary to completion. */
export function runBin(args: string[], options: BinOptions = {}): Promise<CliRun> {
  const [file, ...prefix] = options.command ?? [process.execPath, BIN];
  return new Promise((resolve, reject) => {
    const child = spawn(file ?? process.execPath, [...prefix, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    child.stdin?.end(options.input);
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const bytes = Buffer.concat(stdout);
      resolve({ status, signal, stdout: bytes.toString('utf8'), stdoutBytes: bytes, stderr });
    });
  });
}

export interface InProcessRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in this process, collecting what it prints (`stdin`: what `-` reads). */
export async function runInProcess(argv: string[], stdin?: Uint8Array): Promise<InProcessRun> {
  const { status, stdoutBytes, stderr } = await runInProcessBytes(argv, stdin);
  return { status, stdout: stdoutBytes.toString('utf8'), stderr };
}

/** runInProcess, with standard output as bytes. */
export async function runInProcessBytes(
  argv: string[],
  stdin?: Uint8Array,
): Promise<{ status: number; stdoutBytes: Buffer; stderr: string }> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const status = await runCli(argv, {
    out: (text) => out.push(Buffer.from(`${text}\n`)),
    bytes: (data) => out.push(Buffer.from(data)),
    err: (text) => err.push(`${text}\n`),
    ...(stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) }),
  });
  return { status, stdoutBytes: Buffer.concat(out), stderr: err.join('') };
}

/** A fresh store path, and in-process runners that add `--store` to every command. */
export function cliOnFreshStore() {
  const dir = tempDirForTest();
  const store = join(dir, 'store.db');
  const withStore = (args: string[]) => {
    const [command, ...rest] = args;
    return [command ?? '', '--store', store, ...rest];
  };
  const run = (...args: string[]) => runInProcess(withStore(args));
  /** Standard output as bytes; `stdin` is what `--value-file -` reads. */
  const runBytes = (args: string[], stdin?: Uint8Array) => runInProcessBytes(withStore(args), stdin);
  return { dir, store, run, runBytes };
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
