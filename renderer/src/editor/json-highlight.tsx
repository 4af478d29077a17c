import { useMemo } from 'react';
import { tokenizeJson } from './json-format.js';

/** JSON in colour: one span per token (used only within the highlight budget). */
export function JsonHighlight({ text }: { text: string }) {
  const tokens = useMemo(() => tokenizeJson(text), [text]);
  return tokens.map((token, index) =>
    token.kind === 'space' ? (
      token.text
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: tokens have no identity beyond their place.
      <span key={index} className={`tok-${token.kind}`}>
        {token.text}
      </span>
    ),
  );
}
