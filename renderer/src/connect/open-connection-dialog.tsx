import { useId, useState } from 'react';
import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import { useClient } from '../app/client-context.js';
import { Dialog } from '../ui/dialog.js';
import type { Namespace } from '../ui/namespace.js';
import { placeText, type RememberedConnection, urlProblem } from './connection-list.js';
import { PlaceFields } from './place-fields.js';
import { RememberedLists } from './remembered-lists.js';
import { TestOutcome } from './test-outcome.js';
import { useConnectionForm } from './use-connection-form.js';
import { useRecentConnections } from './use-recent-connections.js';
import { useSavedConnections } from './use-saved-connections.js';
import './connect.css';

interface OpenConnectionDialogProps {
  /** Browser mode: the store serve was started with, when another is open now ("Back to"). */
  initialStore: string | undefined;
  /** The session was started with --read-only: whatever is opened is read-only, whatever the box says. */
  sessionReadOnly: boolean;
  /** Another store is open: the views start over on it, at `namespace` when one was chosen. */
  onConnected: (info: OpenedStoreInfoDto, namespace: Namespace | undefined) => void;
  onBackToInitial: () => void;
  onClose: () => void;
}

/**
 * Open connection: a server URL, its password apart from it, read-only or not; Test lists what is there (or
 * says why not), then a database and table are chosen (or typed, where the server cannot list them).
 */
export function OpenConnectionDialog({
  initialStore,
  sessionReadOnly,
  onConnected,
  onBackToInitial,
  onClose,
}: OpenConnectionDialogProps) {
  const client = useClient();
  const form = useConnectionForm();
  const saved = useSavedConnections();
  const { recent, remember } = useRecentConnections();
  const [connecting, setConnecting] = useState(false);
  const [saveName, setSaveName] = useState('');
  const ids = { url: useId(), password: useId(), urlHint: useId(), passwordHint: useId(), readOnlyHint: useId() };
  const { draft, test } = form;
  const readOnly = draft.readOnly || sessionReadOnly;

  const finish = (info: OpenedStoreInfoDto, used: RememberedConnection) => {
    remember(used);
    const { database, table } = used;
    onConnected(info, database !== undefined || table !== undefined ? namespaceOf(used) : undefined);
  };
  const connect = async (event?: React.FormEvent) => {
    event?.preventDefault();
    const problem = urlProblem(draft.url);
    if (problem !== undefined) return form.fail(new Error(problem));
    setConnecting(true);
    try {
      const url = draft.url.trim();
      const info = await client.call('store.connect', {
        url,
        ...(draft.password === '' ? {} : { password: draft.password }),
        readOnly,
      });
      finish(info, { url, readOnly, ...form.place() });
    } catch (error) {
      form.fail(error);
    } finally {
      setConnecting(false);
    }
  };
  const openSaved = async (item: Parameters<typeof saved.open>[0]) => {
    setConnecting(true);
    try {
      finish(await saved.open(item), item);
    } catch (error) {
      form.fill(item);
      form.fail(error);
    } finally {
      setConnecting(false);
    }
  };
  const save = async () => {
    const name = saveName.trim() || placeText({ ...draft, ...form.place() }) || draft.url.trim();
    const problem = urlProblem(draft.url);
    if (problem !== undefined) return form.fail(new Error(problem));
    try {
      await saved.save({
        name,
        url: draft.url.trim(),
        readOnly: draft.readOnly,
        password: draft.password === '' ? undefined : draft.password,
        ...form.place(),
      });
      setSaveName('');
    } catch (error) {
      form.fail(error);
    }
  };

  return (
    <Dialog title="Open connection" onClose={onClose} wide>
      <div className="connect-layout">
        <form className="dialog-body new-record-form connect-form" onSubmit={(event) => void connect(event)}>
          <label htmlFor={ids.url}>Server URL</label>
          <input
            id={ids.url}
            data-autofocus
            value={draft.url}
            spellCheck={false}
            autoComplete="off"
            placeholder="postgres://user@127.0.0.1:5432/database"
            aria-describedby={ids.urlHint}
            onChange={(event) => form.setUrl(event.target.value)}
          />
          <p id={ids.urlHint} className="note">
            postgres://, redis://, nats:// or mysql://.{' '}
            {client.mode === 'browser' ? 'A store file is served by starting serve on it.' : 'Files open with Open.'}
          </p>
          <label htmlFor={ids.password}>Password</label>
          <input
            id={ids.password}
            type="password"
            value={draft.password}
            autoComplete="off"
            aria-describedby={ids.passwordHint}
            onChange={(event) => form.update({ password: event.target.value })}
          />
          <p id={ids.passwordHint} className="note">
            {saved.keepsPasswords
              ? 'Kept apart from the URL; a saved password is sealed by the system keychain.'
              : `Kept apart from the URL and never saved: ${saved.passwordsNote ?? ''}.`}
          </p>
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={readOnly}
              disabled={sessionReadOnly}
              aria-describedby={sessionReadOnly ? ids.readOnlyHint : undefined}
              onChange={(event) => form.update({ readOnly: event.target.checked })}
            />
            Open read-only
          </label>
          {sessionReadOnly && (
            <p id={ids.readOnlyHint} className="note">
              This session was started with --read-only: every store it opens is read-only.
            </p>
          )}
          <div className="connect-test">
            <button type="button" disabled={test.phase === 'testing'} onClick={() => void form.runTest()}>
              Test connection
            </button>
            <TestOutcome test={test} />
          </div>
          <PlaceFields draft={draft} test={test} onChange={form.update} />
          <div className="connect-save">
            <label>
              Save as
              <input
                value={saveName}
                placeholder="a name for this connection"
                onChange={(event) => setSaveName(event.target.value)}
              />
            </label>
            <button type="button" onClick={() => void save()}>
              Save connection
            </button>
          </div>
          <footer className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={connecting}>
              {connecting ? 'Connecting…' : 'Connect'}
            </button>
          </footer>
        </form>
        <RememberedLists
          recent={recent}
          saved={saved.items}
          initialStore={initialStore}
          onFill={form.fill}
          onOpenSaved={(item) => void openSaved(item)}
          onForget={(item) => void saved.forget(item)}
          onBackToInitial={onBackToInitial}
        />
      </div>
    </Dialog>
  );
}

function namespaceOf({ database, table }: RememberedConnection): Namespace {
  return { database: database ?? 'micro', table: table ?? 'micro' };
}
