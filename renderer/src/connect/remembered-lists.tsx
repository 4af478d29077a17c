import { placeText, type RememberedConnection } from './connection-list.js';
import type { SavedItem } from './use-saved-connections.js';

interface RememberedListsProps {
  recent: RememberedConnection[];
  saved: SavedItem[];
  initialStore: string | undefined;
  /** Puts a recent connection into the form (its password is typed again). */
  onFill: (entry: RememberedConnection) => void;
  onOpenSaved: (item: SavedItem) => void;
  onForget: (item: SavedItem) => void;
  onBackToInitial: () => void;
}

/** Beside the form: the way back (browser mode), saved connections, and recent ones, never with a password. */
export function RememberedLists(props: RememberedListsProps) {
  const { recent, saved, initialStore } = props;
  return (
    <aside className="dialog-body connect-lists" aria-label="Remembered connections">
      {initialStore !== undefined && (
        <button type="button" onClick={props.onBackToInitial}>
          Back to {initialStore}
        </button>
      )}
      <section aria-labelledby="saved-connections">
        <h3 id="saved-connections">Saved connections</h3>
        {saved.length === 0 && <p className="note">None saved yet.</p>}
        <ul>
          {saved.map((item) => (
            <li key={item.id ?? item.name}>
              <button type="button" className="connect-entry" onClick={() => props.onOpenSaved(item)}>
                <span>{item.name}</span>
                <span className="note">{entryNote(item)}</span>
              </button>
              <button type="button" aria-label={`Forget ${item.name}`} onClick={() => props.onForget(item)}>
                Forget
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="recent-connections">
        <h3 id="recent-connections">Recent connections</h3>
        {recent.length === 0 && <p className="note">None yet.</p>}
        <ul>
          {recent.map((entry) => (
            <li key={`${entry.url} ${placeText(entry) ?? ''}`}>
              <button type="button" className="connect-entry" onClick={() => props.onFill(entry)}>
                <span>{entry.url}</span>
                <span className="note">{entryNote(entry)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}

function entryNote(entry: RememberedConnection & { hasPassword?: boolean }): string {
  const parts = [
    placeText(entry),
    entry.readOnly ? 'read-only' : undefined,
    entry.hasPassword ? 'password saved' : undefined,
  ];
  return parts.filter((part) => part !== undefined).join(' · ');
}
