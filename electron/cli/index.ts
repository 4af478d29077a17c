import { runCli } from './main.js';

// A reader that stops early (`list | head`) closes the pipe: the output is no longer wanted, which is not an
// error; exit quietly as Unix tools do, instead of an unhandled EPIPE and its stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const output = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  bytes: (data: Uint8Array) => process.stdout.write(data),
  err: (text: string) => process.stderr.write(`${text}\n`),
};

process.exitCode = await runCli(process.argv.slice(2), output);
