import type { ApiError } from '../../../electron/api/contract/results.js';
import { ApiCallError } from '../api/api-client.js';

/** What went wrong with a connection, in one heading the user can act on, and the host's own sentence. */
export interface ConnectionProblem {
  heading: string;
  detail: string;
}

const UNAVAILABLE_HEADINGS = {
  refused: 'Connection refused',
  unreachable: 'Server unreachable',
  timeout: 'Server unreachable (no answer in time)',
  'auth-failed': 'Login refused (authentication failed)',
  lost: 'Connection lost',
} as const;

/**
 * A refusal more precise than "Connection refused", told by the host's sentence (electron/backends/*-errors.ts
 * word them): the server answered, but not with what the URL asks for.
 */
const REFUSED_HEADINGS: readonly (readonly [RegExp, string])[] = [
  [/\bdatabase \S+ does not exist on /, 'No such database on the server'],
  [/\brefused database \d+ /, 'No such Redis database on the server'],
  [/\bdid not answer as a \w+ server/, 'Not that kind of server (wrong port?)'],
];

function unavailableHeading(reason: keyof typeof UNAVAILABLE_HEADINGS | undefined, detail: string): string {
  if (reason === undefined) return 'Server unavailable';
  const precise = reason === 'refused' ? REFUSED_HEADINGS.find(([pattern]) => pattern.test(detail)) : undefined;
  return precise?.[1] ?? UNAVAILABLE_HEADINGS[reason];
}

/**
 * The heading for a failed test or connect, by the contract's error code (and, for `unavailable`, its reason).
 * `checkingTable`: the call also read a typed table, so a refused argument is that table's shape.
 */
export function connectionProblem(error: unknown, checkingTable: boolean): ConnectionProblem {
  if (!(error instanceof ApiCallError)) {
    return { heading: 'Could not connect', detail: error instanceof Error ? error.message : String(error) };
  }
  // instanceof leaves the class's type parameter open: name the union, so the code narrows it.
  const api: ApiError = error.error;
  const detail = api.message;
  switch (api.code) {
    case 'unavailable':
      return { heading: unavailableHeading(api.reason, detail), detail };
    case 'invalid-argument':
      return {
        heading: checkingTable ? 'Wrong shape: not a go-micro table' : 'Not a connection this app opens',
        detail,
      };
    case 'not-found':
      return { heading: 'No such database', detail };
    case 'unsupported':
      return { heading: 'Not available here', detail };
    case 'busy':
      return { heading: 'Busy', detail };
    default:
      return { heading: 'Could not connect', detail };
  }
}
