import type { RecordFilter } from '../../electron/store/record-filter.js';

/**
 * Records and value searches every backend that offers Value contains must answer alike
 * (docs/metadata-queries.md, "Value contains"): bytes compared, ASCII letters folded only when asked.
 */
export const VALUE_RECORDS: { key: string; value: Buffer }[] = [
  { key: 'v/binary', value: Buffer.from([0xff, 0x00, ...Buffer.from('order'), 0xfe]) },
  { key: 'v/empty', value: Buffer.alloc(0) },
  { key: 'v/json', value: Buffer.from('{"name":"Order Alpha","n":1}') },
  { key: 'v/unicode', value: Buffer.from('Éclair ß') },
  { key: 'v/upper', value: Buffer.from('ORDER BETA') },
];

/** Needle, case mode → the keys found (in key order). */
export const VALUE_CASES: [string, 'sensitive' | 'insensitive', string[]][] = [
  ['Order', 'sensitive', ['v/json']],
  ['order', 'sensitive', ['v/binary']],
  ['order', 'insensitive', ['v/binary', 'v/json', 'v/upper']],
  ['ORDER b', 'insensitive', ['v/upper']],
  ['"n":1', 'sensitive', ['v/json']],
  ['ÉCLAIR', 'insensitive', ['v/unicode']],
  ['éclair', 'insensitive', []],
  ['ß', 'sensitive', ['v/unicode']],
  ['absent', 'insensitive', []],
];

export function valueFilter(needle: string, mode: 'sensitive' | 'insensitive'): RecordFilter {
  return mode === 'sensitive' ? { valueContains: needle } : { valueContains: needle, valueCase: 'insensitive' };
}
