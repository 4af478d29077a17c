import { describe, expect, it } from 'vitest';
import { valueContainsTest } from '../../electron/common/value-contains.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('value contains, as Redis and NATS KV search it', () => {
  it('asks nothing of values when there is no text', () => {
    expect(valueContainsTest(undefined, 'insensitive')).toBeUndefined();
    expect(valueContainsTest('', undefined)).toBeUndefined();
  });

  it("finds the text's UTF-8 bytes anywhere, at the very end too, and nothing in a shorter value", () => {
    const test = valueContainsTest('née', undefined);
    expect(test?.(bytes('{"name":"née"}'))).toBe(true);
    expect(test?.(bytes('née'))).toBe(true);
    expect(test?.(bytes('ne'))).toBe(false);
    expect(test?.(Uint8Array.of(0x6e, 0xc3, 0xa9, 0xff, 0x65))).toBe(false);
    expect(test?.(Buffer.from([0xff, 0x00, ...bytes('née'), 0x80]))).toBe(true);
  });

  it('matches case exactly unless told to fold A-Z, and folds nothing beyond ASCII', () => {
    expect(valueContainsTest('Record', 'sensitive')?.(bytes('a record'))).toBe(false);
    const folded = valueContainsTest('RÉCORD', 'insensitive');
    expect(folded?.(bytes('a rÉcord'))).toBe(true);
    expect(folded?.(bytes('a récord'))).toBe(false);
  });

  it('ignoring case, tries every place either case of the first letter stands, in order', () => {
    expect(valueContainsTest('ne', 'insensitive')?.(bytes('n x N y nE'))).toBe(true);
    expect(valueContainsTest('NE', 'insensitive')?.(bytes('N n x'))).toBe(false);
    expect(valueContainsTest('"KEY"', 'insensitive')?.(bytes('"k" "kEy"'))).toBe(true);
  });

  it('folds case in values of any size, one after another, without one value leaking into the next', () => {
    const test = valueContainsTest('NEEDLE', 'insensitive');
    const large = new Uint8Array(100_000).fill(0x61);
    large.set(bytes('NeEdLe'), 99_994);
    expect(test?.(large)).toBe(true);
    expect(test?.(bytes('need'))).toBe(false);
    expect(test?.(bytes('xx'))).toBe(false);
    expect(test?.(bytes('a needle'))).toBe(true);
  });
});
