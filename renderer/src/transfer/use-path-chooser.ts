import { useState } from 'react';
import { useClient } from '../app/client-context.js';
import { errorCode } from '../shared/api-error.js';

/**
 * The desktop app's native file dialog, where there is one. Browser mode has none (main answers
 * `unsupported`): the user types a path on the machine where serve runs.
 */
export function usePathChooser(choose: () => Promise<string | null>) {
  const client = useClient();
  const [unsupported, setUnsupported] = useState(client.mode === 'browser');
  return {
    available: !unsupported,
    /** The chosen path; undefined when the user cancelled or there is no dialog. */
    choose: async (): Promise<string | undefined> => {
      try {
        return (await choose()) ?? undefined;
      } catch (error) {
        if (errorCode(error) !== 'unsupported') throw error;
        setUnsupported(true);
        return undefined;
      }
    },
  };
}
