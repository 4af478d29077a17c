import { Dialog } from '../shared/dialog.js';
import { PathField } from '../transfer/path-field.js';
import { useOpenFolder } from './use-open-folder.js';

interface OpenGoMicroDialogProps {
  onOpen: (path: string) => Promise<void>;
  onClose: () => void;
}

/** Browser mode's way to a go-micro file store: its folder's path on the machine where serve runs. */
export function OpenGoMicroDialog({ onOpen, onClose }: OpenGoMicroDialogProps) {
  const folder = useOpenFolder(onOpen);
  return (
    <Dialog title="Open a go-micro store" onClose={onClose}>
      <form
        className="dialog-body transfer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void folder.submit();
        }}
      >
        <p className="note">
          The folder a go-micro service keeps its file store in (one .db file per table, in a folder per database), for
          example ~/.local/share/micro/store. It opens read-only.
        </p>
        <PathField
          label="go-micro store folder"
          value={folder.path}
          disabled={folder.opening}
          placeholder="/path/to/store"
          onChange={folder.setPath}
          onChoose={undefined}
        />
        {folder.problem !== undefined && (
          <p className="notice notice-error" role="alert">
            {folder.problem}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={folder.opening || folder.path.trim() === ''}>
            Open
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
