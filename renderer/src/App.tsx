import { useEffect, useState } from 'react';
import type { StoreInfoDto } from '../../electron/api/contract/schemas.js';
import type { ApiClient } from './api/client.js';

export function App({ client }: { client: ApiClient }) {
  const [info, setInfo] = useState<StoreInfoDto | null>(null);
  useEffect(() => {
    void client.call('store.info', {}).then(setInfo);
  }, [client]);
  return (
    <main>
      <h1>Store Inspector</h1>
      <p role="status">{info === null ? 'No store open' : `${info.path}: ${info.records} records`}</p>
    </main>
  );
}
