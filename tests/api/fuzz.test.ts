/**
 * Malformed payloads, generated from a fixed seed so a failure replays: every one must come back
 * as `{ok: false, error: {code: 'invalid-argument'}}` (never a thrown exception, never `internal`),
 * and afterwards the store file holds exactly what it held before and no prototype was polluted.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallName } from '../../electron/api/contract/call-names.js';
import { CALL_NAMES } from '../../electron/api/contract/call-names.js';
import type { Result } from '../../electron/api/contract/results.js';
import { MAX_VALUE_BYTES } from '../../electron/common/record-limits.js';
import { RECORD_COUNT } from '../../electron/store/namespace-counts.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { type ApiClient, apiClient, base64 } from '../helpers/api-client.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'fuzz', table: 't' };
const SEED = 0x5eed_2024;
const PAYLOADS = 1_200;

/** mulberry32: a small seeded PRNG, so the same payloads are generated on every run. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
type Rng = ReturnType<typeof prng>;

const HUGE = 'k'.repeat(1024 * 1024);
const own = (json: string): Record<string, unknown> => JSON.parse(json);
const nested = (depth: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
const PROTO_OBJECTS = [
  own('{"__proto__":{"polluted":true}}'),
  own('{"constructor":{"prototype":{"polluted":true}}}'),
  own('{"prototype":{"polluted":true}}'),
];

/** Values of the wrong JSON type for any field (strings are added per field kind). */
const NOT_STRINGS: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  [],
  ['x'],
  {},
  { a: 1 },
  nested(400, 'x'),
  ...PROTO_OBJECTS,
];
const NOT_NUMBERS: unknown[] = [null, true, '1', '', [], [1], {}, { valueOf: 1 }, nested(50, 1), ...PROTO_OBJECTS];
const NOT_OBJECTS: unknown[] = [null, true, 0, Number.NaN, 'x', '', [], [{}], ['none']];

/** For each kind of field, values its schema must refuse. */
const INVALID: Record<string, unknown[]> = {
  name: [...NOT_STRINGS, '', 'n'.repeat(1_025), '\uD800', 'a\uDFFFb', HUGE],
  file: [...NOT_STRINGS, '', 'f'.repeat(65)],
  url: [...NOT_STRINGS, '', 'u'.repeat(4_097)],
  password: [...NOT_STRINGS.filter((value) => value !== undefined), 'p'.repeat(4_097)],
  key: [...NOT_STRINGS, HUGE, 'k'.repeat(65_537), '\uD800', 'x\uDC00', '\uDBFF\uDBFF'],
  nonEmptyKey: [...NOT_STRINGS, '', HUGE, '\uD800', 'ok\uDFFF'],
  base64: [
    ...NOT_STRINGS,
    'abc',
    'a',
    'YQ',
    'YQ=',
    '=YQ=',
    '!!!!',
    'YW Jj',
    'YWJj\n',
    'Zm9v!',
    'YWJj====',
    '\uD800AAA',
  ],
  revision: [true, 0, 1.5, [], {}, 'r'.repeat(65), ...PROTO_OBJECTS],
  statement: [...NOT_STRINGS, '', 's'.repeat(4_001)],
  bool: [null, 'true', 1, 0, [], {}],
  order: [...NOT_STRINGS, 'ASC', 'descending', '', ' asc'],
  sort: [...NOT_STRINGS, 'Size', 'name', '', 'key ', 'length(value)'],
  // null is valid (a record without an expiry), so it is not among these.
  sortValue: [true, '1', '', [], [1], {}, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, ...PROTO_OBJECTS],
  pageLimit: [
    ...NOT_NUMBERS,
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1_001,
    2 ** 53,
  ],
  maxBytes: [...NOT_NUMBERS, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 64 * 1024 * 1024 + 1],
  /** record.getBytes reads up to the largest value a store takes. */
  wholeBytes: [...NOT_NUMBERS, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_VALUE_BYTES + 1],
  offset: [...NOT_NUMBERS, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, -0.0001],
  length: [...NOT_NUMBERS, 0, -1, 1.5, Number.NaN, 16 * 1024 * 1024 + 1],
  seq: [...NOT_NUMBERS, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY],
  changesLimit: [...NOT_NUMBERS, 0, 10_001, 2.5, Number.NaN],
  metadata: [
    ...NOT_OBJECTS,
    [['a', 1]],
    { a: Number.NaN },
    { a: Number.POSITIVE_INFINITY },
    { a: [1, Number.NEGATIVE_INFINITY] },
    { a: undefined },
    { a: [1, undefined] },
    { a: new Date(0) },
    { a: new Map([['k', 'v']]) },
    { a: new Set([1]) },
    { a: 10n },
    { a: new Uint8Array([1]) },
    { ['m'.repeat(1_025)]: 1 },
    { a: nested(300, Number.NaN) },
  ],
  expirySpec: [
    ...NOT_OBJECTS,
    'ttl',
    { kind: 'ttl' },
    { kind: 'ttl', ms: 1.5 },
    { kind: 'ttl', ms: Number.NaN },
    { kind: 'ttl', ms: Number.POSITIVE_INFINITY },
    { kind: 'ttl', ms: 9e15 },
    { kind: 'ttl', ms: '1000' },
    { kind: 'at' },
    { kind: 'at', at: '2030-01-01' },
    { kind: 'at', at: -9e15 },
    { kind: 'at', at: new Date() },
    { kind: 'none', ms: 1 },
    { kind: 'NONE' },
    { kind: 'forever' },
    { ms: 1_000 },
    { ...own('{"__proto__":{"polluted":true}}'), kind: 'none' },
  ],
  filter: [
    ...NOT_OBJECTS,
    { prefix: 1 },
    { prefix: '\uD800' },
    { suffix: HUGE },
    { contains: [] },
    { contains: '\uDC00' },
    { unknown: 'x' },
    { metadata: { field: 'a', value: 'b' } },
    { metadata: [{ field: '', value: 'x' }] },
    { metadata: [{ field: 'a' }] },
    { metadata: [{ field: 'a', value: 3 }] },
    { metadata: [{ field: 'a', value: 'b', op: 'eq' }] },
    { metadata: Array.from({ length: 17 }, () => ({ field: 'a', value: 'b' })) },
    { expiry: 'bogus' },
    { expiry: 'LIVE' },
    { expiringWithinMs: -1 },
    { expiringWithinMs: 1.5 },
    { expiringWithinMs: Number.NaN },
    ...PROTO_OBJECTS,
  ],
  keys: [
    null,
    true,
    0,
    Number.NaN,
    'x',
    {},
    [],
    [{}],
    'a',
    [1],
    [null],
    ['a', 2],
    ['\uD800'],
    [HUGE],
    [['a']],
    { 0: 'a', length: 1 },
  ],
  // The key tree's branches: an empty list is fine, a bad key or more than 500 prefixes is not.
  prefixes: [null, true, 0, 'x', {}, [1], [null], ['a', 2], ['\uD800'], [HUGE], Array.from({ length: 501 }, () => 'a')],
  taskId: [...NOT_STRINGS, '', 't'.repeat(65)],
  searchText: [...NOT_STRINGS, '', HUGE, 's'.repeat(65_537)],
  namespaces: [null, true, 0, 'x', {}, [1], [null], [{ database: 'd' }], [{ database: 'd', table: '' }], [[]]],
  hitLimit: [...NOT_NUMBERS, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1_000_001],
  fileName: [...NOT_STRINGS, 'n'.repeat(256), 'lone\ud800.json'],
  importFormat: [...NOT_STRINGS, 'json', 'AUTO', '', 'csv'],
  exportFormat: [...NOT_STRINGS, 'auto', 'csv', '', 'ARRAY'],
  policy: [...NOT_STRINGS, 'merge', 'OVERWRITE', ''],
  exportScope: [
    ...NOT_OBJECTS,
    { ...NS },
    { kind: 'table' },
    { kind: 'table', database: '', table: 't' },
    { kind: 'table', ...NS, filter: { bogus: 1 } },
    { kind: 'table', ...NS, keys: ['a'] },
    { kind: 'selection', ...NS },
    { kind: 'selection', ...NS, keys: [] },
    { kind: 'selection', ...NS, keys: ['\uD800'] },
    { kind: 'dump', extra: 1 },
    { kind: 'dump', ...NS },
    { kind: 'everything' },
    { ...own('{"__proto__":{"polluted":true}}'), kind: 'dump' },
  ],
  copyTarget: [
    ...NOT_OBJECTS,
    {},
    { url: '' },
    { url: 'u'.repeat(4_097) },
    { url: 'redis://x', password: 1 },
    { url: 'redis://x', file: 'f' },
    { file: '' },
    { file: 'f'.repeat(65) },
    { ...own('{"__proto__":{"polluted":true}}'), file: 'f' },
  ],
  copyScope: [
    ...NOT_OBJECTS,
    { ...NS },
    { kind: 'table' },
    { kind: 'table', database: '', table: 't' },
    { kind: 'table', ...NS, filter: { bogus: 1 } },
    { kind: 'database' },
    { kind: 'database', database: '\uD800' },
    { kind: 'all', ...NS },
    { kind: 'dump' },
  ],
};

/** A valid argument for each call, with each field's kind; every payload below breaks at least one rule. */
interface FuzzBase {
  arg: Record<string, unknown>;
  kinds: Record<string, string>;
  required: string[];
}

const BASES: Partial<Record<CallName, FuzzBase>> = {
  'store.open': {
    arg: { file: 'x.db', readOnly: false },
    kinds: { file: 'file', readOnly: 'bool' },
    required: ['file'],
  },
  'store.create': { arg: { file: 'y.db' }, kinds: { file: 'file' }, required: ['file'] },
  'store.close': { arg: {}, kinds: {}, required: [] },
  'store.reopen': { arg: { readOnly: false }, kinds: { readOnly: 'bool' }, required: ['readOnly'] },
  'store.info': { arg: {}, kinds: {}, required: [] },
  'store.databases': { arg: {}, kinds: {}, required: [] },
  'store.tables': { arg: { database: 'micro' }, kinds: { database: 'name' }, required: ['database'] },
  'store.connect': {
    arg: { url: 'postgres://127.0.0.1:1/x', password: 'p', readOnly: false },
    kinds: { url: 'url', password: 'password', readOnly: 'bool' },
    required: ['url'],
  },
  'store.openInitial': { arg: { readOnly: false }, kinds: { readOnly: 'bool' }, required: [] },
  'connections.test': {
    arg: { url: 'postgres://127.0.0.1:1/x', password: 'p', ...NS },
    kinds: { url: 'url', password: 'password', database: 'name', table: 'name' },
    required: ['url'],
  },
  'connections.list': { arg: {}, kinds: {}, required: [] },
  'connections.save': {
    arg: { name: 'n', url: 'postgres://127.0.0.1:1/x', password: 'p', readOnly: false, ...NS },
    kinds: { name: 'name', url: 'url', password: 'password', readOnly: 'bool', database: 'name', table: 'name' },
    required: ['name', 'url'],
  },
  'connections.forget': { arg: { id: 'i' }, kinds: { id: 'taskId' }, required: ['id'] },
  'connections.open': {
    arg: { id: 'i', readOnly: false },
    kinds: { id: 'taskId', readOnly: 'bool' },
    required: ['id'],
  },
  'records.purgeExpired': { arg: {}, kinds: {}, required: [] },
  'table.create': { arg: { ...NS }, kinds: { database: 'name', table: 'name' }, required: ['database', 'table'] },
  'records.page': {
    arg: { ...NS, filter: {}, order: 'asc', sort: 'size', after: 'a', afterSort: 3, limit: 10 },
    kinds: {
      database: 'name',
      table: 'name',
      filter: 'filter',
      order: 'order',
      sort: 'sort',
      after: 'key',
      afterSort: 'sortValue',
      limit: 'pageLimit',
    },
    required: ['database', 'table'],
  },
  'records.count': {
    arg: { ...NS, filter: {} },
    kinds: { database: 'name', table: 'name', filter: 'filter' },
    required: ['database', 'table'],
  },
  'records.countPrefixes': {
    arg: { ...NS, prefixes: ['a/'], filter: {} },
    kinds: { database: 'name', table: 'name', prefixes: 'prefixes', filter: 'filter' },
    required: ['database', 'table', 'prefixes'],
  },
  'table.analyse': {
    arg: { ...NS, taskId: 't1', filter: {}, level: 'a/' },
    kinds: { database: 'name', table: 'name', taskId: 'taskId', filter: 'filter', level: 'key' },
    required: ['database', 'table'],
  },
  'store.search': {
    arg: { taskId: 't1', text: 'x', tables: [NS], limit: 10 },
    kinds: { taskId: 'taskId', text: 'searchText', tables: 'namespaces', limit: 'hitLimit' },
    required: ['taskId', 'text', 'tables'],
  },
  'table.figures': {
    arg: { ...NS },
    kinds: { database: 'name', table: 'name' },
    required: ['database', 'table'],
  },
  'table.pagingIndex': {
    arg: { ...NS },
    kinds: { database: 'name', table: 'name' },
    required: ['database', 'table'],
  },
  'table.addPagingIndex': {
    arg: { ...NS, statement: 'CREATE INDEX x ON t (key)' },
    kinds: { database: 'name', table: 'name', statement: 'statement' },
    required: ['database', 'table', 'statement'],
  },
  'record.get': {
    arg: { ...NS, key: 'a', maxBytes: 10 },
    kinds: { database: 'name', table: 'name', key: 'key', maxBytes: 'maxBytes' },
    required: ['database', 'table', 'key'],
  },
  'record.getBytes': {
    arg: { ...NS, key: 'a', maxBytes: 10 },
    kinds: { database: 'name', table: 'name', key: 'key', maxBytes: 'wholeBytes' },
    required: ['database', 'table', 'key'],
  },
  'record.valueChunk': {
    arg: { ...NS, key: 'a', offset: 0, length: 10 },
    kinds: { database: 'name', table: 'name', key: 'key', offset: 'offset', length: 'length' },
    required: ['database', 'table', 'key', 'offset', 'length'],
  },
  'record.saveValue': {
    arg: { ...NS, key: 'a' },
    kinds: { database: 'name', table: 'name', key: 'key' },
    required: ['database', 'table', 'key'],
  },
  'record.write': {
    arg: { ...NS, key: 'a', value: base64('x'), metadata: {}, expiry: { kind: 'none' }, expectedRevision: null },
    kinds: {
      database: 'name',
      table: 'name',
      key: 'nonEmptyKey',
      value: 'base64',
      metadata: 'metadata',
      expiry: 'expirySpec',
      expectedRevision: 'revision',
    },
    required: ['database', 'table', 'key', 'value', 'expectedRevision'],
  },
  'records.delete': {
    arg: { ...NS, keys: ['a'] },
    kinds: { database: 'name', table: 'name', keys: 'keys' },
    required: ['database', 'table', 'keys'],
  },
  'records.deleteMatching': {
    arg: { ...NS, filter: { prefix: 'a' } },
    kinds: { database: 'name', table: 'name', filter: 'filter' },
    required: ['database', 'table', 'filter'],
  },
  'records.setExpiry': {
    arg: { ...NS, keys: ['a'], expiry: { kind: 'none' } },
    kinds: { database: 'name', table: 'name', keys: 'keys', expiry: 'expirySpec' },
    required: ['database', 'table', 'keys', 'expiry'],
  },
  'record.rename': {
    arg: { ...NS, from: 'a', to: 'b' },
    kinds: { database: 'name', table: 'name', from: 'key', to: 'nonEmptyKey' },
    required: ['database', 'table', 'from', 'to'],
  },
  'records.setExpiryMatching': {
    arg: { ...NS, taskId: 't1', filter: { prefix: 'a' }, expiry: { kind: 'none' } },
    kinds: { database: 'name', table: 'name', taskId: 'taskId', filter: 'filter', expiry: 'expirySpec' },
    required: ['database', 'table', 'taskId', 'filter', 'expiry'],
  },
  'record.duplicate': {
    arg: { ...NS, from: 'a', to: 'b' },
    kinds: { database: 'name', table: 'name', from: 'key', to: 'nonEmptyKey' },
    required: ['database', 'table', 'from', 'to'],
  },
  'file.chooseImport': { arg: {}, kinds: {}, required: [] },
  'file.chooseGoMicroFolder': { arg: {}, kinds: {}, required: [] },
  'store.copyToSqlite': {
    arg: { taskId: 't1', file: 'copy.db' },
    kinds: { taskId: 'taskId', file: 'file' },
    required: ['taskId', 'file'],
  },
  'store.copyTo': {
    arg: { taskId: 't1', to: { url: 'postgres://127.0.0.1:1/x' }, scope: { kind: 'all' }, dryRun: true },
    kinds: { taskId: 'taskId', to: 'copyTarget', scope: 'copyScope', dryRun: 'bool' },
    required: ['taskId', 'to', 'scope'],
  },
  'file.chooseExport': {
    arg: { suggestedName: 'records.json' },
    kinds: { suggestedName: 'fileName' },
    required: ['suggestedName'],
  },
  'import.preview': {
    arg: { ...NS, taskId: 't1', file: 'in.json', format: 'auto' },
    kinds: { database: 'name', table: 'name', taskId: 'taskId', file: 'file', format: 'importFormat' },
    required: ['database', 'table', 'taskId', 'file'],
  },
  'import.run': {
    arg: { ...NS, taskId: 't1', file: 'in.json', format: 'auto', policy: 'overwrite' },
    kinds: {
      database: 'name',
      table: 'name',
      taskId: 'taskId',
      file: 'file',
      format: 'importFormat',
      policy: 'policy',
    },
    required: ['database', 'table', 'taskId', 'file'],
  },
  'export.run': {
    arg: { taskId: 't1', file: 'out.json', format: 'array', scope: { kind: 'table', ...NS, filter: {} } },
    kinds: { taskId: 'taskId', file: 'file', format: 'exportFormat', scope: 'exportScope' },
    required: ['taskId', 'file', 'format', 'scope'],
  },
  'task.cancel': { arg: { taskId: 't1' }, kinds: { taskId: 'taskId' }, required: ['taskId'] },
  'changes.since': {
    arg: { seq: 0, limit: 10 },
    kinds: { seq: 'seq', limit: 'changesLimit' },
    required: ['seq'],
  },
};

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'polluted', 'extra', ''];
const EXTRA_VALUES = ['{"polluted":true}', '{"prototype":{"polluted":true}}', 'true', '"x"', 'null', '[1]'];
const WHOLE: unknown[] = [
  [],
  'x',
  42,
  true,
  Number.NaN,
  [{}],
  nested(500, null),
  own('[{"__proto__":{"polluted":1}}]'),
];

/** One malformed payload: a valid base broken in one to three ways. */
function malformed(rng: Rng, base: FuzzBase): { arg: unknown; how: string[] } {
  const how: string[] = [];
  let arg: Record<string, unknown> = { ...base.arg };
  const fields = Object.keys(base.kinds);
  const mutations = 1 + rng.int(3);
  for (let m = 0; m < mutations; m++) {
    const choice = rng.int(fields.length === 0 ? 2 : 5);
    if (choice === 0) {
      // Whole payload of the wrong type: ends the mutations. (null/undefined stand for {} on calls whose fields
      // are all optional, such as store.openInitial's readOnly.)
      const whole = rng.pick(base.required.length === 0 ? WHOLE : [...WHOLE, null]);
      how.push(`whole=${show(whole)}`);
      return { arg: whole, how };
    }
    if (choice === 1) {
      // An extra own property, built by JSON.parse so __proto__ and friends are real keys.
      const key = rng.pick(EXTRA_KEYS);
      arg = { ...arg, ...own(`{${JSON.stringify(key)}:${rng.pick(EXTRA_VALUES)}}`) };
      how.push(`extra ${key}`);
    } else if (choice === 2 && base.required.length > 0) {
      const field = rng.pick(base.required);
      delete arg[field];
      how.push(`missing ${field}`);
    } else {
      const field = rng.pick(fields);
      const value = rng.pick(INVALID[base.kinds[field] ?? ''] ?? []);
      arg[field] = value;
      how.push(`${field}=${show(value)}`);
    }
  }
  return { arg, how };
}

function show(value: unknown): string {
  if (typeof value === 'string') return value.length > 20 ? `string(${value.length})` : JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  } catch {
    return String(value);
  }
}

/** Everything the file holds, read straight from SQLite: namespaces, records (all columns), the change log's end. */
function dump(path: string): unknown {
  const db = openDatabase(path, { readonly: true });
  try {
    return {
      namespaces: db
        .prepare(`SELECT id, database, "table", ${RECORD_COUNT} AS record_count FROM namespaces ORDER BY id`)
        .all(),
      records: db
        .prepare(
          'SELECT ns, key, hex(value) AS value, metadata, expires_at, updated_at, version FROM records ORDER BY ns, key',
        )
        .all(),
      latestChange: db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").pluck().get(),
    };
  } finally {
    db.close();
  }
}

const clients: ApiClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.session.close();
});

async function seededStore(): Promise<{ api: ApiClient; path: string }> {
  const dir = tempDirForTest();
  const path = join(dir, 'fuzz.db');
  const api = apiClient();
  clients.push(api);
  await api.value('store.create', { file: api.file(path, 'write') });
  const put = (key: string, value: string | Uint8Array, extra: Record<string, unknown> = {}) =>
    api.value('record.write', { ...NS, key, value: base64(value), expectedRevision: null, ...extra });
  await put('a', 'alpha', { metadata: { owner: 'auth', n: 1, nested: { list: [1, 'two', null] } } });
  await put('b', new Uint8Array([0, 1, 2, 255]));
  await put('c', 'ttl', { expiry: { kind: 'ttl', ms: 3_600_000 } });
  await put('dead', 'expired', { expiry: { kind: 'ttl', ms: -1 } });
  await put('other', 'x', { database: 'second', table: 'tbl', metadata: { k: 'v' } });
  return { api, path };
}

/** The calls that have a fuzz base; a test below fails when the contract gains a call without one. */
const FUZZED = CALL_NAMES.filter((name) => BASES[name] !== undefined);

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('malformed payloads', () => {
  it('every call of the contract is fuzzed', () => {
    expect(CALL_NAMES.filter((name) => BASES[name] === undefined)).toEqual([]);
    for (const [name, base] of Object.entries(BASES)) {
      expect(Object.keys(base.kinds).sort(), name).toEqual(Object.keys(base.arg).sort());
    }
  });

  it(`${PAYLOADS} generated payloads across every call are refused as invalid-argument; the store is unchanged`, async () => {
    const { api, path } = await seededStore();
    const before = dump(path);
    const protoBefore = prototypeNames();
    const rng = prng(SEED);

    const failures: string[] = [];
    const seenCalls = new Set<string>();
    for (let i = 0; i < PAYLOADS; i++) {
      const name = FUZZED[i % FUZZED.length] as CallName;
      const { arg, how } = malformed(rng, BASES[name] as FuzzBase);
      seenCalls.add(name);
      let result: Result<unknown>;
      try {
        result = await api.raw(name, arg);
      } catch (error) {
        failures.push(`#${i} ${name} [${how.join(', ')}] threw: ${(error as Error).message}`);
        continue;
      }
      if (result.ok || result.error.code !== 'invalid-argument') {
        failures.push(`#${i} ${name} [${how.join(', ')}] gave ${JSON.stringify(result).slice(0, 200)}`);
      } else if (!result.error.message.startsWith(`${name}:`) || result.error.message.length > 2_000) {
        failures.push(
          `#${i} ${name}: message does not name the call or is huge: ${result.error.message.slice(0, 100)}`,
        );
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(seenCalls.size).toBe(FUZZED.length);

    expect(dump(path)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(prototypeNames()).toEqual(protoBefore);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    // The session still works after all that.
    expect(await api.value('records.count', { ...NS, filter: { expiry: 'all' } })).toBe(4);
  });

  it('well-formed payloads the store cannot honour are domain errors, as data, and change nothing', async () => {
    const { api, path } = await seededStore();
    const before = dump(path);
    const cases: [CallName, Record<string, unknown>, string][] = [
      ['record.get', { ...NS, key: 'missing' }, 'not-found'],
      ['record.get', { database: 'no', table: 'such', key: 'a' }, 'not-found'],
      ['record.getBytes', { ...NS, key: 'missing' }, 'not-found'],
      ['record.valueChunk', { ...NS, key: 'missing', offset: 0, length: 1 }, 'not-found'],
      ['record.rename', { ...NS, from: 'missing', to: 'z' }, 'not-found'],
      ['record.write', { ...NS, key: 'a', value: '', expectedRevision: 'not-a-revision' }, 'conflict'],
      ['record.write', { ...NS, key: 'new', value: '', expectedRevision: '1.1' }, 'conflict'],
      ['record.write', { ...NS, key: 'a', value: '', expectedRevision: null }, 'conflict'],
      ['store.create', { file: api.file(path, 'write') }, 'foreign-file'],
      // A file named by a handle no dialog gave: refused, nothing touched.
      ['export.run', { taskId: 'x', file: 'made-up', format: 'array', scope: { kind: 'dump' } }, 'invalid-argument'],
    ];
    for (const [name, arg, code] of cases) {
      const result = await api.raw(name, arg);
      expect(result.ok, `${name} ${JSON.stringify(arg)}`).toBe(false);
      if (!result.ok) expect(result.error.code, `${name} ${JSON.stringify(arg)}`).toBe(code);
    }
    expect(dump(path)).toEqual(before);
  });

  it('a rename onto an existing key is an error as data, not internal, and moves nothing', async () => {
    const { api, path } = await seededStore();
    const before = dump(path);
    const result = await api.raw('record.rename', { ...NS, from: 'a', to: 'b' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).not.toBe('internal');
    expect(dump(path)).toEqual(before);
  });

  it('metadata nested 2,000 deep (which structuredClone carries) is answered as data, not a rejected promise', async () => {
    const { api, path } = await seededStore();
    const before = dump(path);
    let deep: unknown = 1;
    for (let i = 0; i < 2_000; i++) deep = [deep];
    const arg = { ...NS, key: 'deep', value: '', metadata: { a: deep }, expectedRevision: null };
    const outcome = await api.dispatch('record.write', structuredClone(arg)).then(
      (result) => ({ settled: 'resolved' as const, result }),
      (error: unknown) => ({ settled: 'rejected' as const, error: String(error) }),
    );
    expect(outcome).toMatchObject({ settled: 'resolved' });
    if (outcome.settled === 'resolved' && !outcome.result.ok) {
      expect(outcome.result.error.code).toBe('invalid-argument');
      expect(dump(path)).toEqual(before);
    }
  });

  it('unknown call names are unknown-call, with a short message, whatever the name', async () => {
    const { api, path } = await seededStore();
    const before = dump(path);
    const names: unknown[] = [
      '',
      'store',
      'store.open ',
      'STORE.OPEN',
      'Store.Open',
      'records.page\u0000',
      'records/page',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'prototype',
      'isCallName',
      'store.delete',
      'records.drop',
      HUGE,
      '\uD800',
      42,
      null,
      undefined,
      true,
      {},
      ['store.info'],
      { name: 'store.info' },
    ];
    for (const name of names) {
      const result = await api.raw(name, {});
      expect(result.ok, show(name)).toBe(false);
      if (!result.ok) {
        expect(result.error.code, show(name)).toBe('unknown-call');
        expect(result.error.message.length).toBeLessThan(200);
      }
    }
    expect(dump(path)).toEqual(before);
  });
});
