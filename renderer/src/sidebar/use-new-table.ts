import { useState } from 'react';
import { useClient } from '../app/client-context.js';
import { failureNotice } from '../ui/api-error.js';
import type { Namespace } from '../ui/namespace.js';

/** The new table form: its fields, and creating the table (empty, listed at once). */
export function useNewTable(defaultDatabase: string, onCreated: (namespace: Namespace) => void) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [database, setDatabase] = useState(defaultDatabase);
  const [table, setTable] = useState('');
  const [error, setError] = useState<string>();
  return {
    open,
    setOpen,
    database,
    setDatabase,
    table,
    setTable,
    error,
    create: async () => {
      const namespace = { database: database.trim(), table: table.trim() };
      try {
        await client.call('table.create', namespace);
        setOpen(false);
        setTable('');
        setError(undefined);
        onCreated(namespace);
      } catch (failure) {
        setError(failureNotice(failure));
      }
    },
  };
}
