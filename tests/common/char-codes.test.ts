/** The scanners' named character codes are the characters they are named for. */
import { describe, expect, it } from 'vitest';
import * as codes from '../../electron/common/char-codes.js';

describe('named character codes', () => {
  it.each([
    ['TAB', codes.TAB, '\t'],
    ['LINE_FEED', codes.LINE_FEED, '\n'],
    ['CARRIAGE_RETURN', codes.CARRIAGE_RETURN, '\r'],
    ['BACKSPACE', codes.BACKSPACE, '\b'],
    ['FORM_FEED', codes.FORM_FEED, '\f'],
    ['SPACE', codes.SPACE, ' '],
    ['QUOTE', codes.QUOTE, '"'],
    ['AMPERSAND', codes.AMPERSAND, '&'],
    ['PLUS', codes.PLUS, '+'],
    ['COMMA', codes.COMMA, ','],
    ['MINUS', codes.MINUS, '-'],
    ['DOT', codes.DOT, '.'],
    ['DIGIT_0', codes.DIGIT_0, '0'],
    ['DIGIT_9', codes.DIGIT_9, '9'],
    ['COLON', codes.COLON, ':'],
    ['LESS_THAN', codes.LESS_THAN, '<'],
    ['GREATER_THAN', codes.GREATER_THAN, '>'],
    ['UPPER_A', codes.UPPER_A, 'A'],
    ['UPPER_E', codes.UPPER_E, 'E'],
    ['UPPER_F', codes.UPPER_F, 'F'],
    ['OPEN_BRACKET', codes.OPEN_BRACKET, '['],
    ['BACKSLASH', codes.BACKSLASH, '\\'],
    ['CLOSE_BRACKET', codes.CLOSE_BRACKET, ']'],
    ['LOWER_A', codes.LOWER_A, 'a'],
    ['LOWER_E', codes.LOWER_E, 'e'],
    ['LOWER_F', codes.LOWER_F, 'f'],
    ['LOWER_N', codes.LOWER_N, 'n'],
    ['LOWER_T', codes.LOWER_T, 't'],
    ['LOWER_U', codes.LOWER_U, 'u'],
    ['OPEN_BRACE', codes.OPEN_BRACE, '{'],
    ['CLOSE_BRACE', codes.CLOSE_BRACE, '}'],
    ['DELETE', codes.DELETE, '\u007f'],
    ['LINE_SEPARATOR', codes.LINE_SEPARATOR, '\u2028'],
    ['PARAGRAPH_SEPARATOR', codes.PARAGRAPH_SEPARATOR, '\u2029'],
    ['BYTE_ORDER_MARK', codes.BYTE_ORDER_MARK, '\ufeff'],
  ] as const)('%s is its character', (_, code, char) => {
    expect(code).toBe(char.charCodeAt(0));
  });

  it("knows JSON's whitespace, digits, hex digits and control characters", () => {
    const of = (text: string, test: (c: number) => boolean) => [...text].filter((c) => test(c.charCodeAt(0))).join('');
    const sample = ' \t\n\r\u00a0\u000b09afAFgG/:\u007f\u001f';
    expect(of(sample, codes.isJsonWhitespace)).toBe(' \t\n\r');
    expect(of(sample, codes.isDigit)).toBe('09');
    expect(of(sample, codes.isHexDigit)).toBe('09afAF');
    expect(of(sample, codes.isControl)).toBe('\t\n\r\u000b\u007f\u001f');
  });
});
