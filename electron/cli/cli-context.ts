import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { defaultStorePath } from '../api/app-paths.js';
import { CodedError } from '../api/errors.js';
import { openBackend } from '../api/open-backend.js';
import type { Backend } from '../backends/backend.js';
import { type ConnectionTarget, parseConnectionString } from '../backends/connection-string.js';
import { RefusedError, refusalReason } from '../common/backend-refusals.js';
import { fileNamespace } from '../gomicro/gomicro-layout.js';
import { detectStoreFileKind, isGoMicroKind } from '../gomicro/store-file-kind.js';
import { StoreStateError } from '../store/index.js';
import { DEFAULT_DATABASE, DEFAULT_TABLE } from '../store/types.js';
import { type CliStore, localCliStore, serverCliStore } from './cli-store.js';

/** A wrong command line: exit status 2, with one line saying what is wrong. */
export class UsageError extends Error {}

/**
 * A command that cannot do what was asked (a missing database, an unreadable file), with the contract's code
 * for it: described and printed like every other failure (exit 1, its message).
 */
export class CommandError extends CodedError {}

export interface Output {
  /** A line of text on standard output. */
  out(text: string): void;
  /** Bytes on standard output exactly as they are (a value may be any bytes, not only UTF-8 text). */
  bytes(data: Uint8Array): void;
  err(text: string): void;
  /** Where bulk output (an export to standard output) streams; default process.stdout. */
  stream?: Writable;
  /** What `-` reads (write --value-file -); default process.stdin. */
  stdin?: Readable;
}

export const COMMON_OPTIONS = {
  store: { type: 'string' },
  database: { type: 'string', short: 'd' },
  table: { type: 'string', short: 't' },
  'read-only': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** How many arguments a command takes: exactly n, or from min to max. */
export type ArgumentCount = number | { min: number; max: number };

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type SingleValue<C> = C extends { type: 'boolean' } ? boolean : string;
type OptionValue<C> = C extends { multiple: true } ? SingleValue<C>[] : SingleValue<C>;
type WithDefault<O> = { [K in keyof O]: O[K] extends { default: unknown } ? K : never }[keyof O];

/** A command's flags by name: those with a default always have a value. */
export type FlagValues<O> = { -readonly [K in WithDefault<O>]: OptionValue<O[K]> } & {
  -readonly [K in Exclude<keyof O, WithDefault<O>>]?: OptionValue<O[K]>;
};

export interface ParsedCommand<O> {
  values: FlagValues<O & typeof COMMON_OPTIONS>;
  positionals: string[];
}

export function parseCommand<O extends OptionsConfig>(
  argv: string[],
  options: O,
  positionals: ArgumentCount,
  /** What the arguments are, for the message when their count is wrong (`KEY VALUE...`). */
  expects?: string,
): ParsedCommand<O> {
  const config = { ...COMMON_OPTIONS, ...options };
  try {
    const parsed = parseArgs({
      args: checkGluedShortFlags(withDashValues(argv, config), config),
      options: config,
      allowPositionals: true,
      strict: true,
    });
    const wantsHelp = (parsed.values as { help?: boolean }).help === true;
    if (!wantsHelp) checkArgumentCount(parsed.positionals.length, positionals, expects);
    // Named in our own terms: the compiled library's declarations cannot name node:util's internal types.
    return parsed as unknown as ParsedCommand<O>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(parseArgsMessage(error));
  }
}

/** How to give an argument that looks like a flag (a key `-tmp`), as getopt does. */
const DASH_HINT = "a KEY or VALUE starting with '-' goes after --, as in: -- -KEY";

/**
 * A flag that takes a value keeps the next argument even when it starts with '-' (`--ttl -5s`, `--prefix
 * -tmp`), unless that argument is itself one of the command's flags: the command then judges the value
 * (write: "--ttl must not be negative") instead of node:util's three lines about `--ttl=-XYZ`.
 */
function withDashValues(argv: string[], config: OptionsConfig): string[] {
  const out: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--') {
      out.push(...argv.slice(index));
      break;
    }
    const next = argv[index + 1];
    const name = takesValue(arg, config);
    if (name !== undefined && next?.startsWith('-') && next !== '--' && !isFlag(next, config)) {
      out.push(`--${name}=${next}`);
      index++;
    } else out.push(arg);
  }
  return out;
}

/**
 * `-dash` is `-d ash` to node:util: a key starting with '-' would silently become a database name. A short
 * flag glued to a value that starts with a letter is refused instead, pointing at `--` (write it apart:
 * `-d ash`); one glued to a number or sign (`-e90s`, `-e-2m`) is clearly a value and still taken.
 */
function checkGluedShortFlags(argv: string[], config: OptionsConfig): string[] {
  const end = argv.indexOf('--');
  for (const arg of end === -1 ? argv : argv.slice(0, end)) {
    if (!/^-[^-][A-Za-z]/.test(arg)) continue;
    const name = longName(arg.slice(0, 2), config);
    if (name !== undefined && config[name]?.type === 'string') {
      throw new UsageError(
        `${arg} is read as ${arg.slice(0, 2)} ${arg.slice(2)}: write the flag's value apart, or ${DASH_HINT}`,
      );
    }
  }
  return argv;
}

/** The long name of a flag that takes a value, for `--name` or `-x` (not `--name=value`). */
function takesValue(arg: string, config: OptionsConfig): string | undefined {
  const name = arg.startsWith('--') ? arg.slice(2) : longName(arg, config);
  return name !== undefined && config[name]?.type === 'string' ? name : undefined;
}

function longName(arg: string, config: OptionsConfig): string | undefined {
  if (!/^-[^-]$/.test(arg)) return undefined;
  return Object.keys(config).find((name) => config[name]?.short === arg.slice(1));
}

/** One of the command's flags exactly (`--store`, `--store=x`, `-d`): `-tmp/` after --prefix is its value. */
function isFlag(arg: string, config: OptionsConfig): boolean {
  if (arg.startsWith('--')) return Object.hasOwn(config, arg.slice(2).split('=')[0] ?? '');
  return longName(arg, config) !== undefined;
}

/** node:util's parse errors, each in one line of our own. */
function parseArgsMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option '${quoted}'; ${DASH_HINT}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // `--ttl` last, or followed by another flag: it has no value.
    const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    if (/argument missing|ambiguous/.test(error.message)) return `${flag} needs a value`;
    return `${flag} takes no value`;
  }
  return error.message.split('\n')[0] ?? error.message;
}

function checkArgumentCount(given: number, expected: ArgumentCount, expects: string | undefined): void {
  const { min, max } = typeof expected === 'number' ? { min: expected, max: expected } : expected;
  if (given >= min && given <= max) return;
  const got = `got ${given}`;
  if (expects !== undefined) throw new UsageError(`expected ${expects}, got ${given === 0 ? 'none' : given}`);
  const wanted = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
  const plural = (min === max ? min : max) === 1 || (max === Number.POSITIVE_INFINITY && min === 1) ? '' : 's';
  throw new UsageError(`expected ${wanted} argument${plural}, ${got}`);
}

export interface CommonValues {
  store?: string;
  database?: string;
  table?: string;
  'read-only'?: boolean;
}

/**
 * What --store names: a file path (SQLite, or a go-micro folder or .db), or a server URL (postgres://,
 * redis://, nats://, mysql://; its password from the URL or STORE_INSPECTOR_PASSWORD). Without --store, the
 * app's default store (its folder made on first use).
 */
export function storeTargetOf(values: CommonValues): ConnectionTarget {
  if (values.store !== undefined) return parseConnectionString(values.store);
  const path = defaultStorePath();
  mkdirSync(dirname(path), { recursive: true });
  return { kind: 'path', path, display: path };
}

/** The store file a command names, for commands that work on files only (import and export, for now). */
export function storePathOf(values: CommonValues, action = 'do this'): string {
  const target = storeTargetOf(values);
  if (target.kind !== 'path') {
    throw new CommandError('unsupported', `cannot ${action} on ${target.display} yet: give a store file with --store`);
  }
  return target.path;
}

/**
 * Opens the store a command works on, behind the Backend seam: a file (told apart by content; go-micro's
 * files are read-only, so writing commands fail with the reason) or a server. The namespace flags become
 * the store's own options; a server's connection is checked before the command's work starts.
 */
export async function openStore(values: CommonValues, readOnly: boolean): Promise<CliStore> {
  const target = storeTargetOf(values);
  const namespace = {
    ...(values.database ? { database: values.database } : {}),
    ...(values.table ? { table: values.table } : {}),
  };
  // --read-only is enforced by the store itself: every writing call is refused there.
  const options = { readOnly: readOnly || values['read-only'] === true, threads: 'main' as const, ...namespace };
  const { backend, local } = await openBackend(target, options);
  if (local !== undefined) return localCliStore(backend, local);
  return serverCliStore(backend, {
    database: values.database || DEFAULT_DATABASE,
    table: values.table || DEFAULT_TABLE,
  });
}

/**
 * Runs `work` on the server --store names (import and export through its backend), closing it after.
 * --read-only leaves the backend without its editing part, so an import is refused with the reason.
 */
export async function fromServer<T>(values: CommonValues, work: (backend: Backend) => Promise<T>): Promise<T> {
  const target = storeTargetOf(values);
  const { backend } = await openBackend(target, { readOnly: values['read-only'] === true, threads: 'main' });
  try {
    return await work(backend);
  } finally {
    await backend.close();
  }
}

/** For commands that write a store file themselves (import): a go-micro store is refused with the reason. */
export function writableStorePathOf(values: CommonValues, action: string): string {
  const path = storePathOf(values, action);
  if (values['read-only']) {
    throw new StoreStateError(`cannot ${action}: --read-only was given, so nothing is written`, 'read-only');
  }
  if (isGoMicroKind(detectStoreFileKind(path))) {
    throw new RefusedError('editing', refusalReason('gomicro', 'editing') ?? 'the store is read-only');
  }
  return path;
}

/**
 * The table a command means: the flags, else the store's default (a lone bbolt .db file names its own
 * database and table after its folder and file; everything else defaults to micro/micro).
 */
export function namespaceOf(values: CommonValues): { database: string; table: string } {
  const target = storeTargetOf(values);
  const defaults =
    target.kind === 'path' && detectStoreFileKind(target.path) === 'bbolt'
      ? fileNamespace(target.path)
      : { database: DEFAULT_DATABASE, table: DEFAULT_TABLE };
  return { database: values.database || defaults.database, table: values.table || defaults.table };
}

export function parseCount(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
    throw new UsageError(`--${name} must be a non-negative integer`);
  return value;
}
