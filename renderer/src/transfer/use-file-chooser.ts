import { useState } from 'react';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { useClient } from '../app/client-context.js';
import { errorCode } from '../ui/api-error.js';

/**
 * The desktop app's native file dialog, where there is one; it answers a handle (a name to show, an id to
 * pass on), never a path. Browser mode has none (main answers `unsupported`): the page uploads instead.
 */
export function useFileChooser(choose: () => Promise<FileHandle | null>) {
  const client = useClient();
  const [unsupported, setUnsupported] = useState(client.mode === 'browser');
  return {
    available: !unsupported,
    /** The chosen file; undefined when the user cancelled or there is no dialog. */
    choose: async (): Promise<FileHandle | undefined> => {
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

/** A file chosen with the native dialog (desktop); `choose` is undefined where there is none. */
export function useFileField(choose: () => Promise<FileHandle | null>) {
  const chooser = useFileChooser(choose);
  const [file, setFile] = useState<FileHandle>();
  const pick = async () => {
    const chosen = await chooser.choose();
    if (chosen !== undefined) setFile(chosen);
  };
  return { file, setFile, choose: chooser.available ? pick : undefined };
}
