/**
 * Rules for the text of a file path, shared by the contract (the page), the api and the command line.
 */

/** A UTF-16 surrogate without its partner: no file system can store it, Node replaces it with U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when `text` holds a lone surrogate, which would create or open a file with a different (mangled) name. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

export const LONE_SURROGATE_MESSAGE =
  'the path holds an unpaired UTF-16 surrogate (invalid Unicode), so the file it names cannot exist: choose the file again';
