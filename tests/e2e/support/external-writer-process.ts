import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { WriterCommand } from './external-writer.js';

export interface ExternalWriter {
  /** Resolves once the other process committed the command. */
  send(command: WriterCommand): Promise<void>;
  stop(): Promise<void>;
}

/** Starts external-writer.ts in a process of its own on `storePath`. */
export function startExternalWriter(storePath: string): ExternalWriter {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/e2e/support/external-writer.ts', storePath],
    { stdio: 'pipe' },
  );
  const waiting = new Map<number, () => void>();
  let nextId = 0;
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const { done } = JSON.parse(line) as { done: number };
    waiting.get(done)?.();
    waiting.delete(done);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    send: (command) =>
      new Promise<void>((resolve, reject) => {
        const id = ++nextId;
        waiting.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ id, command })}\n`);
        void exited.then(() => reject(new Error(`the external writer exited: ${errors}`)));
      }),
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
