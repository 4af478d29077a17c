import { ApiCallError } from '../api/api-client.js';

/**
 * Why the server refuses this page, in words a person can act on; undefined when it does not. Browser mode
 * answers `unauthorized` to a page opened without the token serve printed (a bookmark, a URL typed by hand).
 */
export function accessRefusal(error: unknown): string | undefined {
  if (!(error instanceof ApiCallError)) return undefined;
  if (error.error.code === 'unauthorized') {
    return 'this page has no valid token for this server: open the URL that store-inspector serve printed (it ends in ?token=…)';
  }
  if (error.error.code === 'forbidden') return `the server refused this page: ${error.error.message}`;
  return undefined;
}
