/** Go's encoding/json rules for strings, numbers and map key order. */
import { describe, expect, it } from 'vitest';
import { goString, goValue } from '../../electron/records-json/index.js';

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

describe('goValue objects', () => {
  it("sorts an object's names by their UTF-8 bytes, as Go sorts a map's keys", () => {
    expect(goValue({ '\u{10000}': 1, '\uffff': 2, b: 3, a: 4 })).toBe('{"a":4,"b":3,"\uffff":2,"\u{10000}":1}');
  });
});
