import { describe, expect, it } from 'vitest';
import { EMPTY_EDITOR, editorReducer, writeRequest } from '../../renderer/src/editor/editor-state.js';
import { expirySpecOf } from '../../renderer/src/editor/expiry-draft.js';
import { parseMetadata } from '../../renderer/src/editor/metadata-text.js';
import { switchMode, valueDraftFor } from '../../renderer/src/editor/value-draft.js';
import { docString } from '../../renderer/src/editor/value-views/doc-text.js';
import { EMPTY_DRAFT, parseMetadataFilter, toFilter } from '../../renderer/src/filters/filter-draft.js';
import { extendTo, selectAll, selectedCount, selectOnly, toggleKey } from '../../renderer/src/grid/selection.js';
import { bytesToBase64, textToBytes } from '../../renderer/src/ui/base64.js';

describe('filters', () => {
  it('reads metadata pairs separated by commas or lines', () => {
    expect(parseMetadataFilter('kind=user, team = web\nv=3')).toEqual({
      matches: [
        { field: 'kind', value: 'user' },
        { field: 'team', value: 'web' },
        { field: 'v', value: '3' },
      ],
    });
    expect(parseMetadataFilter('owner.team=auth, v>3').matches).toEqual([
      { path: ['owner', 'team'], op: 'eq', value: 'auth' },
      { path: ['v'], op: 'gt', value: '3' },
    ]);
    expect(parseMetadataFilter('oops,=x').error).toMatchObject({ offset: 4 });
  });

  it('combines every input into one filter', () => {
    const { filter, problems } = toFilter({
      ...EMPTY_DRAFT,
      prefix: 'user/',
      contains: '42',
      metadata: 'kind=user',
      expiry: 'expiring',
      within: '5m',
    });
    expect(problems).toEqual([]);
    expect(filter).toEqual({
      prefix: 'user/',
      contains: '42',
      metadata: [{ field: 'kind', value: 'user' }],
      expiry: 'has-ttl',
      expiringWithinMs: 300_000,
    });
    expect(toFilter(EMPTY_DRAFT).filter).toEqual({});
    expect(toFilter({ ...EMPTY_DRAFT, expiry: 'all' }).filter).toEqual({ expiry: 'all' });
    expect(toFilter({ ...EMPTY_DRAFT, contains: 'Ab', matchCase: false }).filter).toEqual({
      contains: 'Ab',
      containsCase: 'insensitive',
    });
  });
});

describe('selection', () => {
  it('selects one, toggles, extends and selects all matching', () => {
    const one = selectOnly(3, 'c');
    const two = toggleKey(one, 5, 'e');
    expect([...two.keys]).toEqual(['c', 'e']);
    expect(toggleKey(two, 3, 'c').keys.has('c')).toBe(false);
    expect(extendTo(one, 6, ['c', 'd', 'e', 'f']).keys.size).toBe(4);
    expect(selectedCount(selectAll(one), 1_000_000)).toBe(1_000_000);
  });
});

describe('the editor', () => {
  const detail = {
    key: 'k',
    size: 7,
    metadata: { a: 1 },
    expiresAt: null,
    expired: false,
    updatedAt: 0,
    revision: '1.1',
    value: bytesToBase64(textToBytes('{"a":1}')),
    complete: true,
  };
  const loaded = editorReducer(
    editorReducer(EMPTY_EDITOR, { type: 'open', target: { database: 'd', table: 't', key: 'k' } }),
    { type: 'loaded', detail, bytes: textToBytes('{"a":1}') },
  );

  it('opens JSON pretty-printed, and saves with the revision it loaded', () => {
    expect(loaded.value.mode).toBe('json');
    expect(docString(loaded.value.text)).toBe('{\n  "a": 1\n}');
    const edited = editorReducer(loaded, { type: 'edit-value', text: '{"a":2}' });
    expect(edited.dirty).toBe(true);
    const request = writeRequest(edited, '1.1');
    expect(request).toMatchObject({ ok: true, arg: { key: 'k', expectedRevision: '1.1', expiry: { kind: 'none' } } });
  });

  it('refuses invalid JSON and metadata that is not an object', () => {
    const invalid = editorReducer(loaded, { type: 'edit-value', text: '{"a":' });
    expect(writeRequest(invalid, '1.1')).toMatchObject({ ok: false });
    const badMetadata = editorReducer(loaded, { type: 'edit-metadata', text: '[1]' });
    expect(writeRequest(badMetadata, '1.1')).toMatchObject({ ok: false });
    expect(parseMetadata('{"x":[1]}')).toEqual({ ok: true, metadata: { x: [1] } });
  });

  it('switches views over the same bytes, and will not show binary as text', () => {
    const base64 = switchMode(valueDraftFor(textToBytes('Hi')), 'base64');
    expect('draft' in base64 && docString(base64.draft.text)).toBe('SGk=');
    expect(switchMode(valueDraftFor(textToBytes('Hi')), 'hex')).toEqual({
      draft: expect.objectContaining({ mode: 'hex', bytes: textToBytes('Hi') }),
    });
    const binary = valueDraftFor(new Uint8Array([0xff, 0]));
    expect(binary.mode).toBe('hex');
    expect(switchMode(binary, 'text')).toEqual({ problem: 'The value is binary (not UTF-8 text)' });
  });

  it('turns the expiry choice into what the write sends', () => {
    expect(expirySpecOf({ kind: 'keep' }, 5000)).toEqual({ ok: true, spec: { kind: 'at', at: 5000 } });
    expect(expirySpecOf({ kind: 'ttl', text: '1h30m' }, null)).toEqual({
      ok: true,
      spec: { kind: 'ttl', ms: 5_400_000 },
    });
    expect(expirySpecOf({ kind: 'ttl', text: 'soon' }, null)).toMatchObject({ ok: false });
    expect(expirySpecOf({ kind: 'at', local: '' }, null)).toMatchObject({ ok: false });
  });
});
