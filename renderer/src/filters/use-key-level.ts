import { useEffect, useState } from 'react';
import { useClient } from '../app/client-context.js';
import type { Namespace } from '../shared/namespace.js';
import { type Delimiter, type KeyLevel, readKeyLevel } from './key-level.js';

/** One level of the key tree, read when it is first shown. */
export function useKeyLevel(namespace: Namespace, prefix: string, delimiter: Delimiter): KeyLevel | undefined {
  const client = useClient();
  const [state, setState] = useState<{ key: string; level: KeyLevel }>();
  const key = JSON.stringify([namespace.database, namespace.table, prefix, delimiter]);
  useEffect(() => {
    let current = true;
    const [database = '', table = '', levelPrefix = '', levelDelimiter = '/'] = JSON.parse(key) as string[];
    readKeyLevel(client, { database, table }, levelPrefix, levelDelimiter as Delimiter).then(
      (level) => current && setState({ key, level }),
      () => current && setState({ key, level: { branches: [], leaves: [], more: false } }),
    );
    return () => {
      current = false;
    };
  }, [client, key]);
  return state?.key === key ? state.level : undefined;
}
