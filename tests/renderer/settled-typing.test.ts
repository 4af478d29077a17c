import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type EditorAction,
  EMPTY_EDITOR,
  editorReducer,
  writeRequest,
} from '../../renderer/src/editor/editor-state.js';
import { SETTLE_MS, settledTyping } from '../../renderer/src/editor/settled-typing.js';
import { docOf, docString } from '../../renderer/src/editor/value-views/doc-text.js';
import { bytesToBase64, textToBytes } from '../../renderer/src/ui/base64.js';

const BIG = 'x'.repeat(1_100_000);

/** The editor with a large text value loaded, and every action that reached the state. */
function editor(value = BIG) {
  const bytes = textToBytes(value);
  const detail = {
    key: 'k',
    size: bytes.length,
    metadata: {},
    expiresAt: null,
    expired: false,
    updatedAt: 0,
    revision: '1.1',
    value: bytesToBase64(bytes),
    complete: true,
  };
  const opened = editorReducer(EMPTY_EDITOR, { type: 'open', target: { database: 'd', table: 't', key: 'k' } });
  const latest = { current: editorReducer(opened, { type: 'loaded', detail, bytes }) };
  const reached: EditorAction[] = [];
  // As React would: the reducer runs and the next render sets `latest`.
  const typing = settledTyping((action) => {
    reached.push(action);
    latest.current = editorReducer(latest.current, action);
  }, latest);
  return { typing, latest, reached };
}

describe('typing in a large value', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reaches the state at the first keystroke, then once typing pauses', () => {
    const { typing, latest, reached } = editor();
    typing.dispatch({ type: 'edit-value', text: docOf(`${BIG}a`) });
    expect(latest.current.dirty).toBe(true);
    typing.dispatch({ type: 'edit-value', text: docOf(`${BIG}ab`) });
    typing.dispatch({ type: 'edit-value', text: docOf(`${BIG}abc`) });
    expect(reached).toHaveLength(1);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(reached).toHaveLength(2);
    expect(docString(latest.current.value.text).endsWith('abc')).toBe(true);
  });

  it('saves every character typed, even when Save comes before the pause', () => {
    const { typing, latest } = editor();
    typing.dispatch({ type: 'edit-value', text: docOf(`${BIG}a`) });
    typing.dispatch({ type: 'edit-value', text: docOf(`${BIG}ab`) });
    typing.flush();
    const request = writeRequest(latest.current, '1.1');
    expect(request.ok && Buffer.from(request.arg.value, 'base64').toString().endsWith('ab')).toBe(true);
  });

  it('forgets held text on Revert: the timer does not bring it back', () => {
    const { typing, latest } = editor();
    typing.dispatch({ type: 'edit-value', text: docOf(`${BIG}a`) });
    typing.dispatch({ type: 'edit-value', text: docOf(`${BIG}ab`) });
    typing.dispatch({ type: 'revert' });
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(latest.current.dirty).toBe(false);
    expect(docString(latest.current.value.text)).toBe(BIG);
  });

  it('takes a small value at every keystroke', () => {
    const { typing, reached } = editor('{"a":1}');
    typing.dispatch({ type: 'edit-value', text: docOf('{"a":12}') });
    typing.dispatch({ type: 'edit-value', text: docOf('{"a":123') });
    expect(reached).toHaveLength(2);
  });
});
