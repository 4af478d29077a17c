import { useReducer, useRef, useState } from 'react';
import { useClient } from '../app/client-context.js';
import { useLiveSignal } from '../live/live-provider.js';
import { apiErrorOf, failureNotice } from '../ui/api-error.js';
import { base64ToBytes } from '../ui/base64.js';
import { EMPTY_EDITOR, editorReducer, type OpenTarget, sameTarget, toTarget, writeRequest } from './editor-state.js';
import { useSettledTyping } from './use-settled-typing.js';
import { currentBytes, draftOf, loadedValueDraft } from './value-draft.js';
import type { ValueMode } from './value-modes.js';
import { downloadBytes, fetchWholeValue, type Progress } from './value-transfer.js';
import { base64DocInSlices, CHUNKED_BASE64_BYTES, nextTask } from './value-views/sliced-docs.js';

/**
 * The editor's record: loading it, saving it with the revision it was loaded at, and noticing
 * when someone else changed it meanwhile (a conflict, shown side by side).
 */
export function useRecordEditor() {
  const client = useClient();
  const [state, dispatchNow] = useReducer(editorReducer, EMPTY_EDITOR);
  const latest = useRef(state);
  latest.current = state;
  const typing = useSettledTyping(dispatchNow, latest);
  const dispatch = typing.dispatch;
  const [progress, setProgress] = useState<Progress>();
  const [switching, setSwitching] = useState<ValueMode>();

  const load = async (opened: OpenTarget, notice?: string) => {
    const target = toTarget(opened);
    try {
      const detail = await client.call('record.get', target);
      if (sameTarget(latest.current.target, target))
        dispatch({ type: 'loaded', detail, bytes: base64ToBytes(detail.value), notice });
    } catch (error) {
      if (!sameTarget(latest.current.target, target)) return;
      dispatch(apiErrorOf(error, 'not-found') ? { type: 'gone' } : { type: 'failed', message: failureNotice(error) });
    }
  };

  const save = async (expectedRevision = latest.current.detail?.revision ?? null): Promise<boolean> => {
    typing.flush();
    const request = writeRequest(latest.current, expectedRevision);
    if (!request.ok) {
      dispatch({ type: 'failed', message: request.message });
      return false;
    }
    dispatch({ type: 'saving' });
    try {
      await client.call('record.write', request.arg);
      await load(request.arg, 'Saved');
      return true;
    } catch (error) {
      const conflict = apiErrorOf(error, 'conflict');
      dispatch(
        conflict ? { type: 'conflict', current: conflict.current } : { type: 'failed', message: failureNotice(error) },
      );
      return false;
    }
  };

  const fetchValue = async () => {
    const { target, detail } = latest.current;
    if (target === undefined || detail === undefined) return undefined;
    try {
      return { target, ...(await fetchWholeValue(client, target, detail, setProgress)) };
    } catch (error) {
      if (!sameTarget(latest.current.target, target)) return undefined;
      dispatch(apiErrorOf(error, 'not-found') ? { type: 'gone' } : { type: 'failed', message: failureNotice(error) });
      return undefined;
    } finally {
      setProgress(undefined);
    }
  };

  /** Someone committed to the file: if it was this record, reload it, or show the conflict over unsaved edits. */
  const onStoreChanged = async () => {
    const { target, detail, phase, dirty, conflict } = latest.current;
    if (target === undefined || detail === undefined || phase !== 'ready' || conflict !== undefined) return;
    const now = await client.call('record.get', { ...target, maxBytes: 0 }).catch(() => null);
    if (now?.revision === detail.revision || !sameTarget(latest.current.target, target)) return;
    if (latest.current.phase !== 'ready') return;
    if (!dirty)
      return now === null ? dispatch({ type: 'gone' }) : load(target, 'Reloaded: the record changed in the store');
    const current = now === null ? null : await client.call('record.get', target).catch(() => null);
    dispatch({ type: 'conflict', current });
  };
  useLiveSignal('reread', () => void onStoreChanged());

  /** Base64 of a large value is built in slices (the window stays responsive); every other mode at once. */
  const switchMode = async (mode: ValueMode) => {
    typing.flush();
    const before = latest.current.value;
    const bytes = currentBytes(before);
    if (mode !== 'base64' || !bytes.ok || bytes.bytes.length <= CHUNKED_BASE64_BYTES)
      return dispatch({ type: 'switch-mode', mode });
    setSwitching(mode);
    try {
      const text = await base64DocInSlices(bytes.bytes, nextTask);
      // Typed into meanwhile, or another record opened: this rendering answers nothing any more.
      if (latest.current.value === before) dispatch({ type: 'switched', draft: draftOf(bytes.bytes, mode, text) });
    } finally {
      setSwitching(undefined);
    }
  };

  return {
    state,
    dispatch,
    progress,
    switching,
    switchMode: (mode: ValueMode) => void switchMode(mode),
    open: (opened: OpenTarget, focusValue = false) => {
      const target = toTarget(opened);
      dispatch({ type: 'open', target, focusValue });
      void load(target);
    },
    close: () => dispatch({ type: 'close' }),
    save: () => save(),
    keepMine: () => save(latest.current.conflict?.current?.revision ?? null),
    /** The store's version wins: reloaded, or, when the other side deleted the record, 'deleted' (closed). */
    takeTheirs: (): 'deleted' | 'loaded' | undefined => {
      const { target, conflict } = latest.current;
      if (target === undefined) return undefined;
      if (conflict?.current === null) {
        dispatch({ type: 'close' });
        return 'deleted';
      }
      void load(target, 'Loaded the version in the store');
      return 'loaded';
    },
    loadAll: async () => {
      const whole = await fetchValue();
      if (whole === undefined || !sameTarget(latest.current.target, whole.target)) return;
      // Decoded and cut into lines a slice per task, apart from the read and the render: 50 MB at once held the
      // window for most of a second.
      const draft = await loadedValueDraft(whole.bytes, nextTask);
      if (!sameTarget(latest.current.target, whole.target)) return;
      const changed = whole.detail.revision !== latest.current.detail?.revision;
      const notice = changed ? 'Reloaded: the record changed in the store' : undefined;
      dispatch({ type: 'loaded', detail: whole.detail, bytes: whole.bytes, draft, notice });
    },
    /** The value as stored (not as edited): the loaded bytes, or the whole value read when only its head is. */
    storedValue: async (): Promise<Uint8Array | undefined> => {
      const { detail, original } = latest.current;
      if (detail?.complete) return original;
      return (await fetchValue())?.bytes;
    },
    saveToFile: async () => {
      const whole = await fetchValue();
      if (whole !== undefined) downloadBytes(whole.target.key, whole.bytes);
    },
  };
}

export type RecordEditor = ReturnType<typeof useRecordEditor>;
