import type { Output } from './cli-context.js';

export interface Command {
  name: string;
  summary: string;
  /** The full help text, shown by `--help`. */
  usage: string;
  /** Returns the exit status: 0 success, 1 error. Usage errors throw UsageError (status 2). */
  run(argv: string[], output: Output): Promise<number>;
}

export const COMMON_HELP = `Common flags:
  --store FILE|URL    the store file (default: the app's default store); a go-micro store
                      folder or one of its bbolt .db files (read-only); or a server:
                      postgres://, postgresql://, redis://, rediss://, nats://, mysql://
                      (the password in the URL, or in STORE_INSPECTOR_PASSWORD)
  -d, --database NAME the database (default: micro)
  -t, --table NAME    the table (default: micro)
  --read-only         never write: writing commands are refused, the file is left unchanged
  -h, --help          this help
  --                  ends the flags: a KEY or VALUE after it may start with '-' (write -- -KEY VALUE)`;
