import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters, keySegments, visibleKey } from '../../renderer/src/ui/visible-key.js';

describe('keys shown visibly (issue 11, item 4)', () => {
  it('marks newlines, tabs and other control characters with control pictures', () => {
    expect(visibleKey('multi\nline\nkey')).toBe('multi␊line␊key');
    expect(visibleKey('a\tb\r\n\u0000\u007f')).toBe('a␉b␍␊␀␡');
  });

  it('marks spaces at either end, not inside', () => {
    expect(visibleKey('  user 1 ')).toBe('␣␣user 1␣');
    expect(visibleKey('   ')).toBe('␣␣␣');
  });

  it('names invisible format characters by code point', () => {
    expect(visibleKey('a\u200bb\ufeff')).toBe('a⟨U+200B⟩b⟨U+FEFF⟩');
    expect(visibleKey('\u0085')).toBe('⟨U+0085⟩');
  });

  it('leaves ordinary keys, emoji and other scripts alone', () => {
    for (const key of ['user/42', 'ключ', '🔑/é', 'a\\nb']) {
      expect(visibleKey(key)).toBe(key);
      expect(hasHiddenCharacters(key)).toBe(false);
    }
  });

  it('tells markers apart from the key’s own text', () => {
    expect(keySegments('a\nb')).toEqual([
      { text: 'a', marker: false },
      { text: '␊', marker: true },
      { text: 'b', marker: false },
    ]);
  });
});
