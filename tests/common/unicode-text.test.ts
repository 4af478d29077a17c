/** A lone surrogate is refused everywhere by one rule; pairs (emoji, other planes) are ordinary text. */
import { describe, expect, it } from 'vitest';
import { hasLoneSurrogate, loneSurrogateAt } from '../../electron/common/unicode-text.js';

describe('lone surrogates', () => {
  it.each([
    ['plain', 'user/42', -1],
    ['a pair (emoji)', 'a😀b', -1],
    ['empty', '', -1],
    ['a lone high surrogate', 'ab\ud800c', 2],
    ['a lone low surrogate', 'ab\udc00', 2],
    ['a high surrogate at the end', 'x\ud83d', 1],
    ['two highs in a row, the second paired', '\ud83d\ud83d\ude00', 0],
    ['a low before a high', '😀\ude00\ud83d', 2],
  ])('%s', (_, text, at) => {
    expect(loneSurrogateAt(text)).toBe(at);
    expect(hasLoneSurrogate(text)).toBe(at !== -1);
  });
});
