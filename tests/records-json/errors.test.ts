/**
 * Every file that cannot be imported fails with a RecordsJsonError whose message names the place: line,
 * column and byte for broken JSON, the record's index, key and field for a bad record.
 */
import { describe, expect, it } from 'vitest';
import type { RecordsReaderOptions } from '../../electron/records-json/index.js';
import { readError, readPlain } from './helpers.js';

type Case = [
  name: string,
  input: string | Buffer,
  code: string,
  message: string | RegExp,
  options?: RecordsReaderOptions,
];

async function expectError(
  input: string | Buffer,
  code: string,
  message: string | RegExp,
  options?: RecordsReaderOptions,
) {
  const error = await readError(input, options);
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  return error;
}

const DUMP_HEAD = '{"format":"store-inspector-dump","version":1,"namespaces":[{"database":"a","table":"b"}]}\n';

describe('the shape of the file', () => {
  const cases: Case[] = [
    ['an empty file', '', 'empty', 'the file is empty: no records, not even []'],
    ['only whitespace', ' \n\t\r\n', 'empty', 'the file is empty: no records, not even []'],
    [
      'a number',
      '42',
      'shape',
      'line 1, column 1 (byte 0): expected a JSON array or object of records, found a number',
    ],
    [
      'a string',
      '\n "x"',
      'shape',
      'line 2, column 2 (byte 2): expected a JSON array or object of records, found a string',
    ],
    ['null', 'null', 'shape', 'line 1, column 1 (byte 0): expected a JSON array or object of records, found null'],
    ['true', 'true', 'shape', /^line 1, column 1 \(byte 0\): .* found true$/],
    ['a stray character', '#', 'shape', /^line 1, column 1 \(byte 0\): .* found a punctuation character$/],
    [
      'an object where an array is expected',
      '{"key":"a"}',
      'shape',
      "line 1, column 1 (byte 0): expected a JSON array of records ('['), found an object",
      { format: 'array' },
    ],
    [
      'an array where record lines are expected',
      '[{"key":"a"}]',
      'shape',
      'line 1, column 1 (byte 0): expected a record object, found an array',
      { format: 'lines' },
    ],
    [
      'an element that is not an object',
      '[{"key":"a"},\n 5]',
      'shape',
      'line 2, column 2 (byte 15): record 2: expected a record object, found a number',
    ],
    ['a null element', '[null]', 'shape', 'line 1, column 2 (byte 1): record 1: expected a record object, found null'],
    [
      'a value between record lines',
      '{"key":"a"}\n[1]\n',
      'shape',
      'line 2, column 1 (byte 12): expected a record object, found an array',
    ],
    [
      'trailing garbage after the array',
      '[{"key":"a"}]  x',
      'trailing',
      'line 1, column 16 (byte 15): unexpected letter after the end of the array',
    ],
    ['a second array', '[]\n[]', 'trailing', "line 2, column 1 (byte 3): unexpected '[' after the end of the array"],
    [
      'a trailing comma',
      '[{"key":"a"},]',
      'syntax',
      "line 1, column 14 (byte 13): expected a record object after ',', found ']'",
    ],
    [
      'a missing comma between records',
      '[{"key":"a"} {"key":"b"}]',
      'syntax',
      "line 1, column 14 (byte 13): expected ',' or ']' after record 1, found '{'",
    ],
  ];
  it.each(cases)('%s', async (_, input, code, message, options) => {
    await expectError(input, code, message, options);
  });

  it('reads an empty array as no records, and whitespace and a byte order mark around it are fine', async () => {
    expect(await readPlain('[]')).toEqual([]);
    expect(await readPlain('\ufeff \n[ \r\n ]\n\n')).toEqual([]);
  });
});

describe('truncated input', () => {
  const cases: Case[] = [
    [
      'an array never closed',
      '[{"key":"a"}',
      'truncated',
      "line 1, column 13 (byte 12): unexpected end of file: the array has no closing ']'",
    ],
    [
      'an array cut after a comma',
      '[{"key":"a"},\n',
      'truncated',
      /^line 2, column 1 \(byte 14\): unexpected end of file/,
    ],
    ['only the opening bracket', '[', 'truncated', /^line 1, column 2 \(byte 1\): unexpected end of file/],
    [
      'a record cut in the middle (array)',
      '[{"key":"a"},{"key":"b","val',
      'truncated',
      'line 1, column 29 (byte 28): unexpected end of file inside the object that starts at line 1, column 14',
    ],
    [
      'a record cut in the middle (lines)',
      '{"key":"a"}\n{"key":"b","value":"aGk',
      'truncated',
      'line 2, column 24 (byte 35): unexpected end of file inside the object that starts at line 2, column 1',
    ],
    [
      'a store dump without its end line',
      `${DUMP_HEAD}{"database":"a","table":"b","key":"k"}\n`,
      'truncated',
      'line 3, column 1 (byte 129): the store dump has no end line: the file is cut short after 1 records',
    ],
    [
      'a UTF-8 character cut at the end',
      Buffer.from([0x7b, 0x22, 0xe2, 0x82]),
      'encoding',
      /^line 1, column 3 \(byte 2\): the file ends in the middle of a UTF-8 character$/,
    ],
  ];
  it.each(cases)('%s', async (_, input, code, message, options) => {
    await expectError(input, code, message, options);
  });
});

describe('broken JSON inside a record', () => {
  const cases: Case[] = [
    [
      'a missing comma between fields',
      '[{"key":"ok"},\n{"key":"é", "value":"aGk=" "metadata":null}]',
      'syntax',
      "line 2, column 28 (byte 43): expected ',' or '}' after a field",
    ],
    ['a missing colon', '{"key" "a"}', 'syntax', "line 1, column 8 (byte 7): expected ':' after the field name"],
    [
      'an unquoted field name',
      '{key:"a"}',
      'syntax',
      'line 1, column 2 (byte 1): expected a field name in double quotes',
    ],
    [
      'a raw tab in a string',
      '{"key":"a\tb"}',
      'syntax',
      'line 1, column 10 (byte 9): a control character inside a string (write it as an escape)',
    ],
    [
      'a raw newline in a long string',
      `{"key":"${'x'.repeat(80)}\n"}`,
      'syntax',
      /^line 1, column 89 \(byte 88\): a control character inside a string/,
    ],
    ['an invalid escape', '{"key":"a\\x"}', 'syntax', "line 1, column 10 (byte 9): invalid escape '\\x' in a string"],
    [
      'a short \\u escape',
      '{"key":"\\u12"}',
      'syntax',
      'line 1, column 13 (byte 12): invalid \\u escape: expected 4 hex digits',
    ],
    ['a misspelt literal', '{"key":"a","metadata":nul}', 'syntax', 'line 1, column 26 (byte 25): expected null'],
    [
      'a leading zero',
      '{"key":"a","expiry":01}',
      'syntax',
      'line 1, column 22 (byte 21): a number cannot have leading zeros',
    ],
    [
      'a bracket that does not match',
      '{"key":"a","metadata":{"x":[1}}',
      'syntax',
      "line 1, column 30 (byte 29): expected ',' or ']' after an element",
    ],
    [
      'a missing closing brace, found before the limit is reached',
      '{"key":"a"\n{"key":"b"}\n{"key":"c"}\n',
      'syntax',
      "line 2, column 1 (byte 11): expected ',' or '}' after a field",
      { maxRecordBytes: 16 },
    ],
    [
      'bytes that are not UTF-8',
      Buffer.concat([Buffer.from('{"key":"a"}\n{"key":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]),
      'encoding',
      'line 2, column 9 (byte 20): invalid UTF-8: the file must be UTF-8 text',
    ],
    [
      'a record over the size limit',
      `{"key":"a","value":"${'A'.repeat(100)}"}`,
      'too-large',
      'line 1, column 1 (byte 0): this object is larger than the limit of 64 bytes for one record',
      { maxRecordBytes: 64 },
    ],
  ];
  it.each(cases)('%s', async (_, input, code, message, options) => {
    await expectError(input, code, message, options);
  });

  it('a record too large across chunks fails before the whole file is held', async () => {
    const big = `{"key":"a","value":"${'A'.repeat(10_000)}"}\n`;
    const error = await readError(big, { maxRecordBytes: 1000 }, 100);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(
      /^line 1, column 1 \(byte 0\): an object larger than the limit of 1000 bytes starts here/,
    );
  });
});

describe('bad records', () => {
  const at = (n: number) => `; the record starts at line ${n}, column 1`;
  const cases: Case[] = [
    [
      'a missing key',
      '{"value":"aGk="}',
      'record',
      /^record 1: key is missing; the record starts at line 1, column 1 \(byte 0\)$/,
    ],
    ['a null key', '{"key":null}', 'record', /^record 1: key is missing/],
    ['an empty key', '{"key":""}', 'record', /^record 1 \(""\): key is empty/],
    ['a number key', '{"key":5}', 'record', /^record 1: key is a number, not a string/],
    [
      'a lone surrogate in the key',
      '{"key":"a\\ud800b"}',
      'record',
      /^record 1 \("a\\ud800b"\): key is not valid Unicode \(lone surrogate \\ud800 at character 1\)/,
    ],
    ['a lone low surrogate in the key', '{"key":"\\udc00"}', 'record', /key is not valid Unicode/],
    ['a number value', '{"key":"a","value":5}', 'record', /^record 1 \("a"\): value is a number, not a base64 string/],
    [
      'an object value',
      '{"key":"a","value":{}}',
      'record',
      /^record 1 \("a"\): value is an object, not a base64 string/,
    ],
    [
      'URL-safe base64',
      '{"key":"a","value":"a-k="}',
      'record',
      /^record 1 \("a"\): value is not base64: illegal character "-" at offset 1 \(URL-safe/,
    ],
    [
      'base64 without padding',
      '{"key":"a","value":"aGk"}',
      'record',
      /^record 1 \("a"\): value is not base64: .*padding missing/,
    ],
    [
      'base64 with data after the padding',
      '{"key":"a","value":"aGk=aGk="}',
      'record',
      /value is not base64: data after '=' padding at offset 4/,
    ],
    [
      'base64 with a stray character',
      '{"key":"a","value":"aG%k"}',
      'record',
      /value is not base64: illegal character "%" at offset 2/,
    ],
    ['too much padding', '{"key":"a","value":"a==="}', 'record', /value is not base64: too much '=' padding/],
    [
      'array metadata',
      '{"key":"a","metadata":[]}',
      'record',
      /^record 1 \("a"\): metadata is an array, not an object \(or null\)/,
    ],
    ['string metadata', '{"key":"a","metadata":"x"}', 'record', /metadata is a string, not an object/],
    ['number metadata', '{"key":"a","metadata":1}', 'record', /metadata is a number, not an object/],
    ['boolean metadata', '{"key":"a","metadata":true}', 'record', /metadata is true, not an object/],
    [
      'a metadata number beyond float64',
      '{"key":"a","metadata":{"x":{"y":[1e400]}}}',
      'record',
      /metadata x\.y\[0\] is a number beyond float64/,
    ],
    [
      'a lone surrogate in metadata',
      '{"key":"a","metadata":{"x":"\\ud800"}}',
      'record',
      /metadata x is not valid Unicode/,
    ],
    [
      'a fractional expiry',
      '{"key":"a","expiry":1.5}',
      'record',
      /^record 1 \("a"\): expiry is 1\.5, not an integer number of nanoseconds/,
    ],
    ['an exponent expiry', '{"key":"a","expiry":1e3}', 'record', /expiry is 1e3, not an integer/],
    ['an integral float expiry', '{"key":"a","expiry":1.0}', 'record', /expiry is 1\.0, not an integer/],
    [
      'a string expiry',
      '{"key":"a","expiry":"5"}',
      'record',
      /expiry is a string, not an integer number of nanoseconds/,
    ],
    ['an object expiry', '{"key":"a","expiry":{}}', 'record', /expiry is an object, not an integer/],
    [
      'an expiry past int64',
      '{"key":"a","expiry":9223372036854775808}',
      'record',
      /expiry 9223372036854775808 is out of range/,
    ],
    [
      'an expiry below int64',
      '{"key":"a","expiry":-9223372036854775809}',
      'record',
      /expiry -9223372036854775809 is out of range/,
    ],
    [
      'an indented exponent expiry',
      '{\n  "key": "a",\n  "expiry": 2E+3\n}',
      'record',
      /expiry is 2E\+3, not an integer/,
    ],
    [
      'a dump record without its table',
      `${DUMP_HEAD}{"database":"a","key":"k"}\n{"end":{"records":1}}\n`,
      'record',
      /^record 1 \("k"\): table is missing; the record starts at line 2, column 1 \(byte 90\)$/,
    ],
    [
      'a dump record in a namespace the header does not list',
      `${DUMP_HEAD}{"database":"a","table":"c","key":"k"}\n{"end":{"records":1}}\n`,
      'record',
      /^record 1 \("k"\): database\/table "a"\/"c" is not listed in the dump header; the record starts at line 2/,
    ],
  ];
  it.each(cases)('%s', async (_, input, code, message, options) => {
    await expectError(input, code, message, options);
  });

  it('names the record by index and key, then the field, then where it starts: record 18 ("user/9")', async () => {
    const lines = Array.from(
      { length: 20 },
      (_, i) => `{"key":"user/${i === 17 ? 9 : i}","value":"${i === 17 ? 'a-b=' : 'aGk='}"}`,
    );
    const error = await expectError(lines.join('\n'), 'record', /^record 18 \("user\/9"\): value is not base64/);
    const byteOffset = lines.slice(0, 17).join('\n').length + 1;
    expect(error.message).toContain(`${at(18)} (byte ${byteOffset})`);
    expect(error).toMatchObject({
      recordIndex: 17,
      key: 'user/9',
      field: 'value',
      place: { line: 18, column: 1, byteOffset },
    });
  });

  it('finds the place of a record deep in a single-line array, as Go writes it', async () => {
    const records = Array.from({ length: 1000 }, (_, i) => `{"key":"k${i}","value":"${i === 999 ? 'bad' : ''}"}`);
    const text = `[${records.join(',')}]`;
    const error = await expectError(text, 'record', /^record 1000 \("k999"\): value is not base64/);
    expect(error.place).toEqual({ line: 1, column: text.lastIndexOf('{') + 1, byteOffset: text.lastIndexOf('{') });
  });

  it('shows a long key shortened', async () => {
    const key = 'k'.repeat(100);
    await expectError(
      `{"key":"${key}","value":1}`,
      'record',
      new RegExp(`^record 1 \\("${'k'.repeat(60)}"…\\): value is a number`),
    );
  });
});

describe('the store dump', () => {
  const cases: Case[] = [
    [
      'a newer version',
      '{"format":"store-inspector-dump","version":2,"namespaces":[]}\n',
      'dump',
      /^line 1, column 1 \(byte 0\): store dump header: version 2 is newer than this reader/,
    ],
    [
      'a header without namespaces',
      '{"format":"store-inspector-dump","version":1}\n{"end":{"records":0}}',
      'dump',
      /store dump header: namespaces must be an array/,
    ],
    [
      'a namespace with an empty table',
      '{"format":"store-inspector-dump","version":1,"namespaces":[{"database":"a","table":""}]}',
      'dump',
      /namespaces\[0\] must be/,
    ],
    [
      'an end line with the wrong count',
      `${DUMP_HEAD}{"end":{"records":1}}\n`,
      'dump',
      'line 2, column 1 (byte 90): store dump end line: the end line says 1 records but the dump holds 0: the file is damaged',
    ],
    [
      'an end line without a count',
      `${DUMP_HEAD}{"end":true}\n`,
      'dump',
      /store dump end line: expected \{"end":\{"records":N\}\}/,
    ],
    [
      'data after the end line',
      `${DUMP_HEAD}{"end":{"records":0}}\n{"x":1}\n`,
      'trailing',
      'line 3, column 1 (byte 112): data after the end line of the store dump',
    ],
    [
      'record lines read as a dump',
      '{"key":"a"}\n',
      'dump',
      /^line 1, column 1 \(byte 0\): not a store dump: the first line must be the dump header/,
      { format: 'dump' },
    ],
    [
      'a dump read as record lines',
      DUMP_HEAD,
      'shape',
      /this file is a store dump, not record lines/,
      { format: 'lines' },
    ],
  ];
  it.each(cases)('%s', async (_, input, code, message, options) => {
    await expectError(input, code, message, options);
  });
});

describe("syntax messages name the place and the kind of character, never the file's bytes", () => {
  it.each([
    ['a letter where a value belongs', '[{"key":"a","value":hello}]', 'a letter', 'hello'],
    ['a digit after the array', '[]7', 'unexpected digit', '7'],
    ['a non-ASCII character', '[{"key":"a","value":é}]', 'a non-ASCII character', 'é'],
    ['punctuation', '[{"key":"a","value":%s}]', 'a punctuation character', '%'],
  ])('%s', async (_, text, kind, bytes) => {
    const error = await readError(text);
    expect(error.message).toMatch(/^line 1, column \d+ \(byte \d+\): /);
    expect(error.message).toContain(kind);
    expect(error.message).not.toContain(bytes);
  });
});
