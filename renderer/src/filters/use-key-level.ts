import { useEffect, useState } from 'react';
import type { Filter } from '../../../electron/api/contract/schemas.js';
import { namespaceKey } from '../../../electron/common/namespace-key.js';
import { useClient } from '../app/client-context.js';
import { useLiveSignal } from '../live/live-provider.js';
import type { Namespace } from '../ui/namespace.js';
import { type Delimiter, type KeyLevel, readKeyLevel } from './key-level.js';

const EMPTY_LEVEL: KeyLevel = { branches: [], leaves: [], more: false };

/** One level of the key tree under the grid's filter, read when it is first shown and when the store changes. */
export function useKeyLevel(
  namespace: Namespace,
  prefix: string,
  delimiter: Delimiter,
  filter: Filter,
): KeyLevel | undefined {
  const client = useClient();
  const { database, table } = namespace;
  const [state, setState] = useState<{ key: string; level: KeyLevel }>();
  const [reads, setReads] = useState(0);
  useLiveSignal('reread', () => setReads((count) => count + 1));
  // Which level a loaded state belongs to, so a level read for another table, prefix or filter is never shown.
  const key = JSON.stringify([namespaceKey(database, table), prefix, delimiter, filter]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filter; `reads` reads again.
  useEffect(() => {
    let current = true;
    readKeyLevel(client, { database, table }, prefix, delimiter, filter).then(
      (level) => current && setState({ key, level }),
      () => current && setState({ key, level: EMPTY_LEVEL }),
    );
    return () => {
      current = false;
    };
  }, [client, key, database, table, prefix, delimiter, reads]);
  return state?.key === key ? state.level : undefined;
}
