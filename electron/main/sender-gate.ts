import { fail, type Result } from '../api/contract/results.js';

/**
 * A call from a frame that is not our own page is refused as `forbidden` before dispatch sees it: its argument
 * is never read, so a foreign frame can neither change the store nor learn anything from a validation message.
 */
export function answerIfOwnPage<T>(fromOwnPage: boolean, call: () => Promise<Result<T>>): Promise<Result<T>> {
  if (fromOwnPage) return call();
  return Promise.resolve(fail('forbidden', 'refused: the call did not come from the Store Inspector window'));
}
