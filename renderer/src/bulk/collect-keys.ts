import type { Filter } from '../../../electron/api/contract/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { Namespace } from '../shared/namespace.js';

const PAGE = 1_000;
/** The contract takes at most this many keys a call. */
export const MAX_KEYS = 100_000;

/** Every key the filter matches, for actions the contract only offers by key (setting a TTL). */
export async function collectKeys(client: ApiClient, namespace: Namespace, filter: Filter): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  do {
    const page = await client.call('records.page', { ...namespace, filter, limit: PAGE, after });
    keys.push(...page.records.map((record) => record.key));
    if (keys.length > MAX_KEYS)
      throw new Error(`More than ${MAX_KEYS.toLocaleString('en-US')} records match: narrow the filter first`);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return keys;
}
