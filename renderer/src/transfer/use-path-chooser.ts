import { useState } from 'react';
import { useClient } from '../app/client-context.js';
import { errorCode, errorMessage } from '../shared/api-error.js';

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

/** A path the user types, or picks with the native dialog where there is one. */
export function usePathField(choose: () => Promise<string | null>) {
  const chooser = usePathChooser(choose);
  const [path, setPath] = useState('');
  const pick = async () => {
    const chosen = await chooser.choose();
    if (chosen !== undefined) setPath(chosen);
  };
  return { path, setPath, choose: chooser.available ? pick : undefined };
}

/** How a long task that did not finish ends up: stopped by the user, or a problem to show. */
export function endedPhase(error: unknown): { step: 'cancelled' } | { step: 'problem'; message: string } {
  return errorCode(error) === 'cancelled' ? { step: 'cancelled' } : { step: 'problem', message: errorMessage(error) };
}
