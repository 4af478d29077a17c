import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { useClient } from '../app/client-context.js';
import { useFileField } from './use-file-chooser.js';

/**
 * Where an export or a copy goes. Desktop: the file chosen with the native save dialog. Browser mode: a new
 * file the server writes and the browser then downloads, asked for when the work starts.
 */
export function useSaveTarget(suggestedName: string) {
  const client = useClient();
  const { file, choose } = useFileField(() => client.call('file.chooseExport', { suggestedName }));
  const downloads = client.mode === 'browser';
  return {
    file,
    choose,
    downloads,
    suggestedName,
    ready: downloads || file !== undefined,
    /** The file to write; null when there is none (the user chose none). */
    target: async (): Promise<FileHandle | null> =>
      downloads ? client.call('file.chooseExport', { suggestedName }) : (file ?? null),
  };
}

export type SaveTarget = ReturnType<typeof useSaveTarget>;
