import { describe, expect, it } from 'vitest';
import { jsonProblem, prettyJson, tokenizeJson } from '../../renderer/src/editor/json-format.js';

describe('JSON formatting', () => {
  it('pretty-prints without losing the digits of large numbers', () => {
    expect(prettyJson('{"id":12345678901234567890,"a":[1,{"b":null}],"e":{}}')).toBe(
      '{\n  "id": 12345678901234567890,\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ],\n  "e": {}\n}',
    );
  });

  it('marks keys apart from string values', () => {
    const kinds = tokenizeJson('{"k": "v", "n": -1.5e3, "t": true}')
      .filter((token) => token.kind !== 'space')
      .map((token) => token.kind);
    expect(kinds).toEqual([
      'punct',
      'key',
      'punct',
      'string',
      'punct',
      'key',
      'punct',
      'number',
      'punct',
      'key',
      'punct',
      'literal',
      'punct',
    ]);
  });

  it('keeps every character, so the highlighted copy matches the field', () => {
    const text = '{ "a" :\n\t[1, "x\\"y", oops] }';
    expect(
      tokenizeJson(text)
        .map((token) => token.text)
        .join(''),
    ).toBe(text);
  });

  it('explains invalid JSON', () => {
    expect(jsonProblem('{"a":1}')).toBeUndefined();
    expect(jsonProblem('{"a":')).toBeTypeOf('string');
  });
});
