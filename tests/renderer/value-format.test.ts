import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, textToBytes, utf8Head } from '../../renderer/src/ui/base64.js';
import { detectValueKind, previewValue } from '../../renderer/src/ui/value-format.js';

describe('value type detection', () => {
  it('tells JSON, text and binary apart', () => {
    expect(detectValueKind(textToBytes('{"a":1}'))).toBe('json');
    expect(detectValueKind(textToBytes('[1,2]'))).toBe('json');
    expect(detectValueKind(textToBytes('hello\nworld\t!'))).toBe('text');
    expect(detectValueKind(textToBytes('{not json'))).toBe('text');
    expect(detectValueKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0]))).toBe('binary');
    expect(detectValueKind(new Uint8Array([0xff, 0xfe]))).toBe('binary');
  });

  it('judges a truncated head by its start, and tolerates a character cut in two', () => {
    const euro = textToBytes('{"price":"€€€"}').subarray(0, 13);
    expect(detectValueKind(euro, true)).toBe('json');
    expect(utf8Head(textToBytes('a€'), true)).toBe('a€');
    expect(utf8Head(textToBytes('a€').subarray(0, 3), true)).toBe('a');
  });

  it('previews on one line, with an ellipsis when cut, and binary as hex', () => {
    expect(previewValue(textToBytes('{\n  "a": 1\n}'), 12)).toEqual({ kind: 'json', text: '{ "a": 1 }' });
    expect(previewValue(textToBytes('abc'), 10).text).toBe('abc…');
    expect(previewValue(new Uint8Array([0, 1, 255]), 3)).toEqual({ kind: 'binary', text: '00 01 ff' });
  });
});

describe('hex and base64 views', () => {
  it('round-trips base64 beyond the chunk size', () => {
    const bytes = new Uint8Array(40_000).map((_, index) => index % 251);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(textToBytes('Hi!'))).toBe('SGkh');
  });
});
