import { parseConnectionString, type ServerTarget } from '../backends/connection-string.js';
import { withPassword } from '../backends/server-backends.js';
import { StoreInputError } from '../store/index.js';

/**
 * A server named by URL, with the password given apart from it (an empty one is none: the URL's own stays). A
 * path is refused: through the API a file is named by a grant, never by a path the page typed
 * (docs/file-access.md); `howFiles` says how this call's user names one instead.
 */
export function serverTarget(
  url: string,
  password: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  howFiles: string,
): ServerTarget {
  const target = parseConnectionString(url, env);
  if (target.kind === 'path') {
    throw new StoreInputError(`give a server URL (postgres://, redis://, nats://, mysql://): ${howFiles}`);
  }
  return password === undefined || password === '' ? target : withPassword(target, password);
}
