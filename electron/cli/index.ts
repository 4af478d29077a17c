import { runCli } from './main.js';

const output = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  bytes: (data: Uint8Array) => process.stdout.write(data),
  err: (text: string) => process.stderr.write(`${text}\n`),
};

process.exitCode = await runCli(process.argv.slice(2), output);
