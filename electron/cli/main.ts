import { describeError } from '../api/errors.js';
import { type Output, UsageError } from './cli-context.js';
import type { Command } from './command.js';

/**
 * Each command's module, loaded only when that command runs: `read` never loads the server, the JSON
 * formats or import/export, so a script calling the CLI in a loop pays for what it uses.
 */
const COMMAND_MODULES: Record<string, () => Promise<Command>> = {
  read: async () => (await import('./commands/read.js')).readCommand,
  write: async () => (await import('./commands/write.js')).writeCommand,
  delete: async () => (await import('./commands/delete.js')).deleteCommand,
  list: async () => (await import('./commands/list.js')).listCommand,
  databases: async () => (await import('./commands/databases.js')).databasesCommand,
  tables: async () => (await import('./commands/databases.js')).tablesCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  copy: async () => (await import('./commands/copy.js')).copyCommand,
  index: async () => (await import('./commands/index.js')).indexCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
};

export const COMMAND_NAMES = Object.keys(COMMAND_MODULES);

/** Every command, loaded (for the general help). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMAND_MODULES).map((load) => load()));
}

export async function generalHelp(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((command) => command.name.length));
  return `Usage: store-inspector COMMAND [flags]

Browse and edit go-micro Store records kept in a SQLite store file (modelled on \`micro store\`).
--store may also name a go-micro file store folder or one of its bbolt .db files: read, list, databases,
tables, export and serve read it as it is; commands that write refuse it. Or a server running one of
go-micro's stores: postgres://, postgresql://, redis://, rediss://, nats://, mysql:// (the password in the
URL or in STORE_INSPECTOR_PASSWORD); every command works there as on a file.

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run store-inspector COMMAND --help for a command's flags.`;
}

/** Exit statuses: a wrong command line, and any failure of the contract's codes (as `micro store`, one status). */
const USAGE_STATUS = 2;
const FAILURE_STATUS = 1;

/** Runs one command line; returns the exit status (0 ok, 1 error, 2 usage error). */
export async function runCli(argv: string[], output: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.out(await generalHelp());
    return name === undefined ? USAGE_STATUS : 0;
  }
  const load = Object.hasOwn(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : undefined;
  if (load === undefined) {
    output.err(`unknown command ${JSON.stringify(name)} (see store-inspector --help)`);
    return USAGE_STATUS;
  }
  const command = await load();
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

/**
 * A wrong command line exits 2 with a pointer to the help; every other failure is described by the API's own
 * mapping (api/errors.ts): its message is the line, so the command line and the app say the same thing.
 */
function reportError(error: unknown, command: Command, output: Output): number {
  if (error instanceof UsageError) {
    // One line, not the whole help: in a script's log the mistake is what matters.
    output.err(`${command.name}: ${error.message} (see store-inspector ${command.name} --help)`);
    return USAGE_STATUS;
  }
  output.err(describeError(error).message);
  return FAILURE_STATUS;
}
