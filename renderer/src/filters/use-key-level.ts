import { useEffect, useState } from 'react';
import { namespaceKey } from '../../../electron/common/namespace-key.js';
import { useClient } from '../app/client-context.js';
import type { Namespace } from '../shared/namespace.js';
import { type Delimiter, type KeyLevel, readKeyLevel } from './key-level.js';

/** One level of the key tree, read when it is first shown. */
export function useKeyLevel(namespace: Namespace, prefix: string, delimiter: Delimiter): KeyLevel | undefined {
  const client = useClient();
  const { database, table } = namespace;
  const [state, setState] = useState<{ key: string; level: KeyLevel }>();
  // Which level a loaded state belongs to, so a level read for another table or prefix is never shown.
  const key = JSON.stringify([namespaceKey(database, table), prefix, delimiter]);
  useEffect(() => {
    let current = true;
    readKeyLevel(client, { database, table }, prefix, delimiter).then(
      (level) => current && setState({ key, level }),
      () => current && setState({ key, level: { branches: [], leaves: [], more: false } }),
    );
    return () => {
      current = false;
    };
  }, [client, key, database, table, prefix, delimiter]);
  return state?.key === key ? state.level : undefined;
}
