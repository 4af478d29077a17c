/** Go's encoding/json rules for strings, numbers and map key order. */
import { describe, expect, it } from 'vitest';
import { compareUtf8, goString, goValue } from '../../electron/records-json/index.js';

describe('goValue numbers', () => {
  it('match what Go printed for the same float64 values', () => {
    // From Go: json.Marshal([]interface{}{math.Copysign(0, -1), 5e-324, 1.7976931348623157e308, 1e20, 123e-20,
    // 0.1, 100, 1e-6, 9.999e-7})
    const go = '[-0,5e-324,1.7976931348623157e+308,100000000000000000000,1.23e-18,0.1,100,0.000001,9.999e-7]';
    expect(goValue([-0, 5e-324, 1.7976931348623157e308, 1e20, 123e-20, 0.1, 100, 1e-6, 9.999e-7])).toBe(go);
  });
});

describe('goString', () => {
  it('writes a lone surrogate as \\ufffd, as Go writes invalid UTF-8, and keeps pairs raw', () => {
    expect(goString('a\ud800b\udc00\ud83d\ude00')).toBe('"a\\ufffdb\\ufffd\ud83d\ude00"');
  });

  it('leaves plain text alone', () => {
    expect(goString('user/42 ~ é')).toBe('"user/42 ~ é"');
  });
});

describe('compareUtf8', () => {
  it('orders like UTF-8 bytes (Go map keys), not like UTF-16 units', () => {
    expect(compareUtf8('\uffff', '\u{10000}')).toBeLessThan(0);
    expect(compareUtf8('\ue000', '\ud800\udc00')).toBeLessThan(0);
    expect(compareUtf8('a', 'ab')).toBeLessThan(0);
    expect(compareUtf8('b', 'a')).toBeGreaterThan(0);
    expect(compareUtf8('x', 'x')).toBe(0);
  });

  it('agrees with Buffer.compare on many random strings', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pool = [0x41, 0x7f, 0xe9, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff];
    const strings = Array.from({ length: 400 }, () =>
      String.fromCodePoint(...Array.from({ length: random(4) }, () => pool[random(pool.length)]!)),
    );
    for (const a of strings) {
      for (const b of strings.slice(0, 60)) {
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }
    }
  });
});
