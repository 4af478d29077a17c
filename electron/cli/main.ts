import { RecordsJsonError } from '../records-json/index.js';
import { NotFoundError, StoreInputError, StoreStateError } from '../store/index.js';
import { type Output, UsageError } from './cli-context.js';
import type { Command } from './command.js';
import { databasesCommand, tablesCommand } from './commands/databases.js';
import { deleteCommand } from './commands/delete.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { listCommand } from './commands/list.js';
import { readCommand } from './commands/read.js';
import { serveCommand } from './commands/serve.js';
import { writeCommand } from './commands/write.js';

export const COMMANDS: Command[] = [
  readCommand,
  writeCommand,
  deleteCommand,
  listCommand,
  databasesCommand,
  tablesCommand,
  importCommand,
  exportCommand,
  serveCommand,
];

export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: store-inspector COMMAND [flags]

Browse and edit go-micro Store records kept in a SQLite store file (modelled on \`micro store\`).
--store may also name a go-micro file store folder or one of its bbolt .db files: read, list, databases,
tables, export and serve read it as it is; commands that write refuse it.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run store-inspector COMMAND --help for a command's flags.`;
}

/** Runs one command line; returns the exit status (0 ok, 1 error, 2 usage error). */
export async function runCli(argv: string[], output: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.out(generalHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    output.err(`unknown command ${JSON.stringify(name)}\n\n${generalHelp()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    output.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, output);
  } catch (error) {
    return reportError(error, command, output);
  }
}

function reportError(error: unknown, command: Command, output: Output): number {
  if (error instanceof UsageError) {
    output.err(`${command.name}: ${error.message}\n\n${command.usage}`);
    return 2;
  }
  if (error instanceof NotFoundError) output.err('not found');
  else if (error instanceof StoreInputError || error instanceof StoreStateError || error instanceof RecordsJsonError) {
    output.err(error.message);
  } else output.err(`error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}
