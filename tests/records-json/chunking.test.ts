/**
 * The scanner carries strings, escapes, nesting and UTF-8 characters across chunk boundaries: the same file
 * fed in chunks of every size from 1 to 64 bytes gives the same records, and the same errors.
 */
import { describe, expect, it } from 'vitest';
import { goDecodeArray } from './go-rules-decoder.js';
import { fixture, readError, readPlain } from './helpers.js';

const SIZES = Array.from({ length: 64 }, (_, i) => i + 1);

/** Escapes and backslash runs in every position, multi-byte characters, long strings, nesting. */
const TRICKY = [
  '[',
  '{"key":"a\\\\","value":"","metadata":{"q":"\\"}{][","r":"\\\\\\"","s":"\\\\\\\\"}}, ',
  '{"key":"ключ/日本/😀\\u003c\\ud83d\\ude00","value":"8J+YgA==","metadata":{"deep":[[[{"x":[]}]]]},"expiry":42}',
  ',\n  {"key":"long","value":"',
  'QUJD'.repeat(40),
  '","metadata":{"s":"',
  'x\\"'.repeat(30),
  '"},"expiry":-1}',
  ',{"Key":"folded","EXPIRY":7,"extra":{"expiry":1.5}}',
  '\r\n]\n',
].join('');

async function sameForEverySize(data: Buffer | string): Promise<void> {
  const whole = await readPlain(data);
  expect(whole.length).toBeGreaterThan(0);
  for (const size of SIZES) expect(await readPlain(data, {}, size)).toEqual(whole);
}

describe('chunk boundaries', () => {
  it.each(['go-records.json', 'go-records.ndjson', 'go-records-indented.json', 'go-dump.ndjson'])(
    '%s reads the same in chunks of 1..64 bytes',
    async (name) => {
      await sameForEverySize(fixture(name));
    },
  );

  it('a file with escapes, backslash runs, multi-byte characters and long strings reads the same', async () => {
    const whole = await readPlain(TRICKY);
    expect(whole.map((r) => [r.key, r.expiryNs])).toEqual([
      ['a\\', null],
      ['ключ/日本/😀<😀', 42n],
      ['long', -1n],
      ['folded', 7n],
    ]);
    expect(whole[1]!.value).toBe(Buffer.from('😀').toString('hex'));
    expect(whole[1]!.metadata).toEqual({ deep: [[[{ x: [] }]]] });
    expect(whole[2]!.metadata.s).toBe('x"'.repeat(30));
    expect(whole[0]!.metadata).toEqual({ q: '"}{][', r: '\\"', s: '\\\\' });
    await sameForEverySize(TRICKY);
    await sameForEverySize(Buffer.from(`\ufeff${TRICKY}`));
  });

  it('random documents with random spacing read as the independent Go-rules decoder reads them', async () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const space = () => [' ', '\n', '\r\n', '\t', '', ''][random(6)]!;
    const pieces = ['a', '"', '\\', '/', '<', 'é', '😀', '\u2028', '\n', '}', '{', '[', ']', ',', ':'];
    const text = () => Array.from({ length: random(8) }, () => pieces[random(pieces.length)]!).join('');
    for (let round = 0; round < 20; round++) {
      const records = Array.from({ length: 1 + random(30) }, (_, i) => {
        const fields = [
          `"key"${space()}:${space()}${JSON.stringify(`${i}${text()}`)}`,
          `"value":${JSON.stringify(Buffer.from(text()).toString('base64'))}`,
          `"metadata":${space()}${JSON.stringify({ t: text(), n: random(2 ** 30) - 2 ** 29, l: [text(), { x: null }] })}`,
          `"expiry":${random(3) === 0 ? '9223372036854775807' : random(2 ** 30) - 2 ** 29}`,
          `"extra${text().replace(/["\\\n\u2028]/g, '')}":${JSON.stringify(text())}`,
        ].slice(0, 2 + random(4));
        return `{${space()}${fields.join(`${space()},${space()}`)}${space()}}`;
      });
      const doc = `${space()}[${records.join(`${space()},${space()}`)}]${space()}`;
      const ours = (await readPlain(doc, {}, 1 + random(100))).map((r) => ({
        key: r.key,
        value: r.value,
        metadata: r.metadata,
        expiryNs: r.expiryNs ?? 0n,
      }));
      const go = goDecodeArray(doc).map((r) => ({ ...r, value: Buffer.from(r.value).toString('hex') }));
      expect(ours).toEqual(go);
    }
  });

  it('the same error, at the same place, whatever the chunk size', async () => {
    const bad = [
      '[{"key":"ok"},\n{"key":"é", "value":"aGk=" "metadata":null}]',
      '{"key":"a"}\n{"key":"b","value":"aGk"}\n',
      '[{"key":"a"}',
      Buffer.concat([Buffer.from('{"key":"a"}\n{"key":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]),
    ];
    for (const data of bad) {
      const whole = await readError(data);
      for (const size of SIZES) {
        const error = await readError(data, {}, size);
        expect(error.message).toBe(whole.message);
      }
    }
  });
});
