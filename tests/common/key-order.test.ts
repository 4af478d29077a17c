/** Keys sort by their UTF-8 bytes everywhere: the Store, go-micro's files, Go's map keys and the page. */
import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('compareKeys', () => {
  it('orders like UTF-8 bytes (Go, SQLite BINARY), not like UTF-16 units', () => {
    expect(compareKeys('\uffff', '\u{10000}')).toBeLessThan(0);
    expect(compareKeys('\ue000', '\ud800\udc00')).toBeLessThan(0);
    expect(compareKeys('a', 'ab')).toBeLessThan(0);
    expect(compareKeys('b', 'a')).toBeGreaterThan(0);
    expect(compareKeys('x', 'x')).toBe(0);
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
        expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(byBytes(a, b)));
      }
    }
  });

  it('sorts a list as the bytes do', () => {
    const keys = ['user/é', 'user/z', 'user/日本', 'user/😀', 'user/\uffff', 'user/', 'user/Z', 'a'];
    expect([...keys].sort(compareKeys)).toEqual([...keys].sort(byBytes));
  });
});
