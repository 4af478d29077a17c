/**
 * Every file the spec says cannot be imported (docs/records-json.md §3) fails with a message that
 * names the place: line, column and byte for broken JSON; record index, key and field for a bad record.
 * Each goes through importRecords and through the command line, into a store that already holds records,
 * and the store is exactly as before afterwards. The bad part comes after 1,500 good records (more than one
 * batch), so good records were already written inside the transaction when the import failed.
 */
import { describe, expect, it } from 'vitest';
import type { RequestedFormat } from '../../electron/records-json/index.js';
import { RecordsJsonError } from '../../electron/records-json/index.js';
import { runBin, runInProcess } from '../helpers/cli.js';
import { goLine, goodLines, importFile, seedTypical, snapshot, thrown, workspace } from './helpers.js';

const GOOD = 1500;
const LINES = goodLines(GOOD);
const L = Buffer.byteLength(LINES);
const ARRAY_HEAD = `[${Array.from({ length: GOOD }, (_, i) => goLine(`rec/${String(i).padStart(6, '0')}`, `after ${i}`)).join(',')}`;
const A = Buffer.byteLength(ARRAY_HEAD);
const DUMP_HEADER =
  '{"format":"store-inspector-dump","version":1,"exportedAt":"2024-05-01T12:30:00Z","namespaces":[{"database":"micro","table":"micro"},{"database":"restored","table":"t"}]}\n';
const DUMP_BODY = Array.from({ length: GOOD }, (_, i) => {
  const ns = i % 2 === 0 ? '"database":"micro","table":"micro"' : '"database":"restored","table":"t"';
  return `{${ns},${goLine(`rec/${String(i).padStart(6, '0')}`, `dumped ${i}`).slice(1)}\n`;
}).join('');
const DUMP = DUMP_HEADER + DUMP_BODY;
const D = Buffer.byteLength(DUMP);

const CLI_FORMAT: Record<RequestedFormat, string> = { auto: 'auto', array: 'json', lines: 'ndjson', dump: 'dump' };

interface BadInput {
  name: string;
  content: string | Buffer;
  format?: RequestedFormat;
  code: RecordsJsonError['code'];
  /** The message, whole (string) or its start and end around an explanation we do not pin down. */
  message: string | [start: string, end: string];
  record?: { index: number; key?: string; field: string };
}

const recordAt = (line: number, byte: number) => `; the record starts at line ${line}, column 1 (byte ${byte})`;
const inArrayAt = (byte: number) => `; the record starts at line 1, column ${byte + 1} (byte ${byte})`;

const BAD_RECORDS: BadInput[] = [
  {
    name: 'value not base64 (URL-safe alphabet)',
    content: `${LINES}{"key":"bad","value":"a-k="}\n`,
    code: 'record',
    message: [`record 1501 ("bad"): value is not base64: illegal character "-" at offset 1`, recordAt(1501, L)],
    record: { index: GOOD, key: 'bad', field: 'value' },
  },
  {
    name: 'value without its padding',
    content: `${LINES}{"key":"bad","value":"aGk"}\n`,
    code: 'record',
    message: [`record 1501 ("bad"): value is not base64:`, recordAt(1501, L)],
    record: { index: GOOD, key: 'bad', field: 'value' },
  },
  {
    name: 'value of the wrong type',
    content: `${LINES}{"key":"bad","value":5}\n`,
    code: 'record',
    message: `record 1501 ("bad"): value is a number, not a base64 string${recordAt(1501, L)}`,
    record: { index: GOOD, key: 'bad', field: 'value' },
  },
  {
    name: 'missing key',
    content: `${LINES}{"value":"aGk="}\n`,
    code: 'record',
    message: `record 1501: key is missing${recordAt(1501, L)}`,
    record: { index: GOOD, field: 'key' },
  },
  {
    name: 'null key',
    content: `${LINES}{"key":null,"value":"aGk="}\n`,
    code: 'record',
    message: `record 1501: key is missing${recordAt(1501, L)}`,
    record: { index: GOOD, field: 'key' },
  },
  {
    name: 'empty key',
    content: `${LINES}{"key":"","value":"aGk="}\n`,
    code: 'record',
    message: `record 1501 (""): key is empty${recordAt(1501, L)}`,
    record: { index: GOOD, key: '', field: 'key' },
  },
  {
    name: 'key of the wrong type',
    content: `${LINES}{"key":["k"]}\n`,
    code: 'record',
    message: `record 1501: key is an array, not a string${recordAt(1501, L)}`,
    record: { index: GOOD, field: 'key' },
  },
  {
    name: 'metadata that is an array',
    content: `${LINES}{"key":"bad","metadata":[1]}\n`,
    code: 'record',
    message: `record 1501 ("bad"): metadata is an array, not an object (or null)${recordAt(1501, L)}`,
    record: { index: GOOD, key: 'bad', field: 'metadata' },
  },
  {
    name: 'metadata that is a string',
    content: `${LINES}{"key":"bad","metadata":"owner=auth"}\n`,
    code: 'record',
    message: `record 1501 ("bad"): metadata is a string, not an object (or null)${recordAt(1501, L)}`,
    record: { index: GOOD, key: 'bad', field: 'metadata' },
  },
  {
    name: 'a metadata number beyond float64',
    content: `${LINES}{"key":"bad","metadata":{"n":1e400}}\n`,
    code: 'record',
    message: [`record 1501 ("bad"): metadata n is a number beyond float64`, recordAt(1501, L)],
    record: { index: GOOD, key: 'bad', field: 'metadata' },
  },
  {
    name: 'a fractional expiry',
    content: `${LINES}{"key":"bad","expiry":1.5}\n`,
    code: 'record',
    message: [`record 1501 ("bad"): expiry is 1.5, not an integer number of nanoseconds`, recordAt(1501, L)],
    record: { index: GOOD, key: 'bad', field: 'expiry' },
  },
  {
    name: 'an expiry with an exponent',
    content: `${LINES}{"key":"bad","expiry":6e10}\n`,
    code: 'record',
    message: [`record 1501 ("bad"): expiry is 6e10, not an integer`, recordAt(1501, L)],
    record: { index: GOOD, key: 'bad', field: 'expiry' },
  },
  {
    name: 'an expiry that is a string',
    content: `${LINES}{"key":"bad","expiry":"1h"}\n`,
    code: 'record',
    message: [`record 1501 ("bad"): expiry is a string, not an integer number of nanoseconds`, recordAt(1501, L)],
    record: { index: GOOD, key: 'bad', field: 'expiry' },
  },
  {
    name: 'an expiry beyond int64',
    content: `${LINES}{"key":"bad","expiry":9223372036854775808}\n`,
    code: 'record',
    message: [`record 1501 ("bad"): expiry 9223372036854775808 is out of range`, recordAt(1501, L)],
    record: { index: GOOD, key: 'bad', field: 'expiry' },
  },
  {
    name: 'a bad record inside a one-line array, as json.Marshal writes it',
    content: `${ARRAY_HEAD},{"key":"bad","value":"!!!!"}]`,
    code: 'record',
    message: [`record 1501 ("bad"): value is not base64: illegal character "!" at offset 0`, inArrayAt(A + 1)],
    record: { index: GOOD, key: 'bad', field: 'value' },
  },
  {
    name: 'a dump record whose table the header does not list',
    content: `${DUMP}{"database":"nope","table":"t","key":"bad"}\n{"end":{"records":1501}}\n`,
    code: 'record',
    message: `record 1501 ("bad"): database/table "nope"/"t" is not listed in the dump header${recordAt(1502, D)}`,
    record: { index: GOOD, key: 'bad', field: 'table' },
  },
];

const BROKEN_FILES: BadInput[] = [
  {
    name: 'broken JSON: a missing comma between fields',
    content: `${LINES}{"key":"bad" "value":""}\n`,
    code: 'syntax',
    message: `line 1501, column 14 (byte ${L + 13}): expected ',' or '}' after a field`,
  },
  {
    name: 'broken JSON: an invalid escape',
    content: `${LINES}{"key":"a\\x"}\n`,
    code: 'syntax',
    message: `line 1501, column 10 (byte ${L + 9}): invalid escape '\\x' in a string`,
  },
  {
    name: 'broken JSON: a raw control character in a string',
    content: `${LINES}{"key":"a\tb"}\n`,
    code: 'syntax',
    message: `line 1501, column 10 (byte ${L + 9}): a control character inside a string (write it as an escape)`,
  },
  {
    name: 'a record cut short at the end of the file',
    content: `${LINES}{"key":"bad","value":"aGk`,
    code: 'truncated',
    message: `line 1501, column 26 (byte ${L + 25}): unexpected end of file inside the object that starts at line 1501, column 1`,
  },
  {
    name: 'a value between record lines that is not an object',
    content: `${LINES}[1]\n`,
    code: 'shape',
    message: `line 1501, column 1 (byte ${L}): expected a record object, found an array`,
  },
  {
    name: 'bytes that are not UTF-8',
    content: Buffer.concat([Buffer.from(`${LINES}{"key":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]),
    code: 'encoding',
    message: `line 1501, column 9 (byte ${L + 8}): invalid UTF-8: the file must be UTF-8 text`,
  },
  {
    name: 'an array element that is not an object',
    content: `${ARRAY_HEAD},5]`,
    code: 'shape',
    message: `line 1, column ${A + 2} (byte ${A + 1}): record 1501: expected a record object, found a number`,
  },
  {
    name: 'trailing garbage after the array',
    content: `${ARRAY_HEAD}]  x`,
    code: 'trailing',
    message: `line 1, column ${A + 4} (byte ${A + 3}): unexpected letter after the end of the array`,
  },
  {
    name: 'a trailing comma in the array',
    content: `${ARRAY_HEAD},]`,
    code: 'syntax',
    message: `line 1, column ${A + 2} (byte ${A + 1}): expected a record object after ',', found ']'`,
  },
  {
    name: 'an array never closed',
    content: ARRAY_HEAD,
    code: 'truncated',
    message: `line 1, column ${A + 1} (byte ${A}): unexpected end of file: the array has no closing ']'`,
  },
  {
    name: 'a store dump without its end line',
    content: DUMP,
    code: 'truncated',
    message: `line 1502, column 1 (byte ${D}): the store dump has no end line: the file is cut short after 1500 records`,
  },
  {
    name: 'a store dump whose end line has the wrong count',
    content: `${DUMP}{"end":{"records":1499}}\n`,
    code: 'dump',
    message: `line 1502, column 1 (byte ${D}): store dump end line: the end line says 1499 records but the dump holds 1500: the file is damaged`,
  },
  {
    name: 'data after the end line of a store dump',
    content: `${DUMP}{"end":{"records":1500}}\n{"database":"micro","table":"micro","key":"late"}\n`,
    code: 'trailing',
    message: `line 1503, column 1 (byte ${D + 25}): data after the end line of the store dump`,
  },
];

const WHOLE_FILE: BadInput[] = [
  { name: 'an empty file', content: '', code: 'empty', message: 'the file is empty: no records, not even []' },
  {
    name: 'a file of whitespace',
    content: '\n \r\n\t\n',
    code: 'empty',
    message: 'the file is empty: no records, not even []',
  },
  {
    name: 'unknown top-level shape: a number',
    content: '42\n',
    code: 'shape',
    message: 'line 1, column 1 (byte 0): expected a JSON array or object of records, found a number',
  },
  {
    name: 'unknown top-level shape: a string after a blank line',
    content: '\n  "records"',
    code: 'shape',
    message: 'line 2, column 3 (byte 3): expected a JSON array or object of records, found a string',
  },
  {
    name: 'unknown top-level shape: null',
    content: 'null',
    code: 'shape',
    message: 'line 1, column 1 (byte 0): expected a JSON array or object of records, found null',
  },
  {
    name: 'record lines imported as a record array (--format json)',
    content: LINES,
    format: 'array',
    code: 'shape',
    message: "line 1, column 1 (byte 0): expected a JSON array of records ('['), found an object",
  },
  {
    name: 'record lines imported as a store dump (--format dump)',
    content: LINES,
    format: 'dump',
    code: 'dump',
    message:
      'line 1, column 1 (byte 0): not a store dump: the first line must be the dump header {"format":"store-inspector-dump",…}',
  },
  {
    name: 'a store dump of a newer version',
    content: '{"format":"store-inspector-dump","version":2,"namespaces":[]}\n{"end":{"records":0}}\n',
    code: 'dump',
    message: [
      'line 1, column 1 (byte 0): store dump header: version 2 is newer than this reader',
      'update Store Inspector',
    ],
  },
];

const ALL = [...BAD_RECORDS, ...BROKEN_FILES, ...WHOLE_FILE];

function expectMessage(message: string, expected: BadInput['message']) {
  if (typeof expected === 'string') expect(message).toBe(expected);
  else {
    expect(message.startsWith(expected[0]), `${message}\n  should start with\n${expected[0]}`).toBe(true);
    expect(message.endsWith(expected[1]), `${message}\n  should end with\n${expected[1]}`).toBe(true);
  }
}

describe('a file that cannot be imported', () => {
  it.each(ALL.map((bad) => [bad.name, bad] as const))(
    'importRecords: %s — the message names the place; the store is unchanged',
    async (_, bad) => {
      const ws = workspace();
      await seedTypical(ws.store);
      const before = snapshot(ws.store);
      const path = ws.file('bad.json', bad.content);
      const error = await thrown(() => importFile(ws.store, path, { format: bad.format ?? 'auto' }));
      expect(error).toBeInstanceOf(RecordsJsonError);
      const jsonError = error as RecordsJsonError;
      expect(jsonError.code).toBe(bad.code);
      expectMessage(jsonError.message, bad.message);
      if (bad.record) {
        expect(jsonError.recordIndex).toBe(bad.record.index);
        expect(jsonError.key).toBe(bad.record.key);
        expect(jsonError.field).toBe(bad.record.field);
      }
      if (bad.code !== 'empty') expect(jsonError.place).toBeDefined();
      expect(snapshot(ws.store)).toEqual(before);
    },
  );

  it.each(ALL.map((bad) => [bad.name, bad] as const))(
    'store-inspector import: %s — exit 1, the message alone on stderr; the store is unchanged',
    async (_, bad) => {
      const ws = workspace();
      await seedTypical(ws.store);
      const before = snapshot(ws.store);
      const path = ws.file('bad.json', bad.content);
      const run = await runInProcess([
        'import',
        path,
        '--store',
        ws.store,
        '--format',
        CLI_FORMAT[bad.format ?? 'auto'],
        '-t',
        'imported',
      ]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.endsWith('\n')).toBe(true);
      expect(run.stderr.split('\n')).toHaveLength(2);
      expectMessage(run.stderr.slice(0, -1), bad.message);
      expect(snapshot(ws.store)).toEqual(before);
    },
  );
});

describe('the real binary on bad files', { timeout: 60_000 }, () => {
  it('exits 1 with the one-line message for a bad record, broken JSON and an empty file; the store is unchanged', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const cases = [BAD_RECORDS[0]!, BROKEN_FILES[0]!, WHOLE_FILE[0]!];
    // One at a time: each import takes the store's write lock.
    for (const [index, bad] of cases.entries()) {
      const path = ws.file(`bad-${index}.json`, bad.content);
      const run = await runBin(['import', path, '--store', ws.store]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toHaveLength(2);
      expectMessage(run.stderr.slice(0, -1), bad.message);
    }
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('a file that does not exist: exit 1 with one line naming the file and what to do, no errno', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const missing = `${ws.dir}/no-such-file.json`;
    const run = await runBin(['import', missing, '--store', ws.store]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`cannot import ${missing}: no such file; check the path\n`);
    expect(snapshot(ws.store)).toEqual(before);
  });
});
