import { runCli } from './main.js';

const output = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
};

process.exitCode = await runCli(process.argv.slice(2), output);
