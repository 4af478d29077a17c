import { parseMetadataQuery } from '../../electron/common/metadata-query.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';

/**
 * One table of records and queries every backend must answer alike (docs/metadata-queries.md): the SQLite
 * store, go-micro's files and Postgres run the same cases.
 */
export const QUERY_RECORDS: { key: string; metadata: Record<string, unknown> }[] = [
  { key: 'rec/a', metadata: { owner: { team: 'auth', lead: 'ann' }, tier: 'gold', v: 5, name: 'Alpha, Inc.' } },
  { key: 'rec/b', metadata: { owner: { team: 'billing' }, tier: null, v: 3, name: 'beta' } },
  { key: 'rec/c', metadata: { owner: 'auth', v: '7', name: 'gamma/delta' } },
  { key: 'rec/d', metadata: { tags: ['x'], v: 2.5, 'a.b': 1, name: 'ÉCOLE' } },
  { key: 'rec/e', metadata: { owner: { team: 'auth' }, v: 10, nested: { '0': 'zero' }, 'q"x': 'quote' } },
  { key: 'rec/f', metadata: {} },
  { key: 'rec/g', metadata: { list: ['zero'], name: 'Hello', obj: { a: 1 } } },
];

/** Query text → the keys it finds (in key order). */
export const QUERY_CASES: [string, string[]][] = [
  ['owner.team=auth', ['rec/a', 'rec/e']],
  ['owner.team!=auth', ['rec/b', 'rec/c', 'rec/d', 'rec/f', 'rec/g']],
  ['owner.team?', ['rec/a', 'rec/b', 'rec/e']],
  ['tier?', ['rec/a', 'rec/b']],
  ['!tier', ['rec/c', 'rec/d', 'rec/e', 'rec/f', 'rec/g']],
  ['tier=null', ['rec/b']],
  ['v>3', ['rec/a', 'rec/e']],
  ['v>=3', ['rec/a', 'rec/b', 'rec/e']],
  ['v<3', ['rec/d']],
  ['v<=2.5', ['rec/d']],
  ['v>1e1', []],
  ['v=7', ['rec/c']],
  ['v="7"', ['rec/c']],
  ['v=5', ['rec/a']],
  ['v="5"', []],
  ['v!=5', ['rec/b', 'rec/c', 'rec/d', 'rec/e', 'rec/f', 'rec/g']],
  ['owner=auth', ['rec/c']],
  ['name~a', ['rec/a', 'rec/b', 'rec/c']],
  ['name~", I"', ['rec/a']],
  ['name="Alpha, Inc."', ['rec/a']],
  ['name~/^[A-Z]/', ['rec/a', 'rec/g']],
  ['name~/^al/i', ['rec/a']],
  ['name~/a$/', ['rec/b', 'rec/c']],
  ['"a.b"=1', ['rec/d']],
  ['a.b=1', []],
  ['nested.0=zero', ['rec/e']],
  ['list.0=zero', []],
  ['list.0?', []],
  ['"q\\"x"=quote', ['rec/e']],
  ['obj.a>0', ['rec/g']],
  ['owner.team=auth, v>5', ['rec/e']],
  ['tags?, !owner', ['rec/d']],
];

/** The filter a query text makes (throws on a parse error: the cases are all valid). */
export function queryFilter(text: string): RecordFilter {
  const result = parseMetadataQuery(text);
  if (!result.ok) throw new Error(result.error.message);
  return { metadata: result.conditions };
}

/** Keys for the key contains case switch: ASCII letters fold, other letters do not. */
export const CASE_KEYS = ['user/Alice', 'user/alice', 'user/ALICE-2', 'USER/ÉCOLE', 'user/école', 'ß/STRASSE'];

export const CASE_CASES: [string, 'sensitive' | 'insensitive', string[]][] = [
  ['alice', 'sensitive', ['user/alice']],
  ['alice', 'insensitive', ['user/ALICE-2', 'user/Alice', 'user/alice']],
  ['ÉCOLE', 'insensitive', ['USER/ÉCOLE']],
  ['école', 'insensitive', ['user/école']],
  ['user/É', 'insensitive', ['USER/ÉCOLE']],
  ['strasse', 'insensitive', ['ß/STRASSE']],
  ['ß', 'insensitive', ['ß/STRASSE']],
];
