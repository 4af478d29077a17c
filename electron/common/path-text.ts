/**
 * Rules for the text of a file path, shared by the contract (the page), the api and the command line.
 */

/**
 * For a path that holds a lone surrogate (unicode-text.ts): no file system can store one, and Node would replace
 * it with U+FFFD, creating or opening a file of a different (mangled) name.
 */
export const LONE_SURROGATE_MESSAGE =
  'the path holds an unpaired UTF-16 surrogate (invalid Unicode), so the file it names cannot exist: choose the file again';
