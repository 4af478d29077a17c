/**
 * The metadata query language of the filter bar and the contract (docs/metadata-queries.md): conditions on
 * (nested) metadata fields, parsed here and evaluated by each backend. Dependency-free: the page parses as
 * one types, and main checks what crosses the contract with the same rules.
 */

export type MetadataOp = 'eq' | 'ne' | 'exists' | 'missing' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'regex';

export const METADATA_OPS: readonly MetadataOp[] = [
  'eq',
  'ne',
  'exists',
  'missing',
  'lt',
  'le',
  'gt',
  'ge',
  'contains',
  'regex',
];

/**
 * One condition. `value` as typed: for eq/ne the old `field=value` text (`3` is the number or the string,
 * `"3"` only the string); a number for lt…ge; the text for contains (quoted or not); `/pattern/flags`
 * for regex. exists/missing have none.
 */
export interface MetadataCondition {
  path: string[];
  op: MetadataOp;
  value?: string;
}

/** The shape before nested queries: a top-level field equal to a typed value. Still accepted everywhere. */
export interface MetadataFieldMatch {
  field: string;
  value: string;
}

export type MetadataMatch = MetadataFieldMatch | MetadataCondition;

export interface MetadataQueryError {
  /** Where in the text (UTF-16 index) reading stopped. */
  offset: number;
  expected: string;
  message: string;
}

export type MetadataQueryResult =
  | { ok: true; conditions: MetadataCondition[] }
  | { ok: false; error: MetadataQueryError };

export const MAX_PATH_SEGMENTS = 16;

/** The condition a match means: an old `{field, value}` is top-level equality. */
export function conditionOf(match: MetadataMatch): MetadataCondition {
  if ('field' in match) return { path: [match.field], op: 'eq', value: match.value };
  return match;
}

/** A top-level equality as the old shape (which metadata indexes serve), else undefined. */
export function fieldEqualityOf(match: MetadataMatch): MetadataFieldMatch | undefined {
  const condition = conditionOf(match);
  const [field] = condition.path;
  if (condition.op !== 'eq' || condition.path.length !== 1 || field === undefined) return undefined;
  return { field, value: condition.value ?? '' };
}

/**
 * The JSON texts a typed equality value matches: typed 3 finds the number 3 and the string "3"; typed "3"
 * only the string; true and null their JSON values; anything else (an object's JSON included) is a string.
 */
export function typedJsonTexts(typed: string): [string, string] {
  return [jsonTextOf(typed), JSON.stringify(typed)];
}

function jsonTextOf(typed: string): string {
  try {
    const parsed: unknown = JSON.parse(typed);
    return typeof parsed === 'object' && parsed !== null ? JSON.stringify(typed) : JSON.stringify(parsed);
  } catch {
    return JSON.stringify(typed);
  }
}

/** The text a contains condition looks for: a quoted value means its content, anything else itself. */
export function containsNeedle(typed: string): string {
  if (!typed.startsWith('"')) return typed;
  try {
    const parsed: unknown = JSON.parse(typed);
    return typeof parsed === 'string' ? parsed : typed;
  } catch {
    return typed;
  }
}

/** `/pattern/flags` split; undefined when the text is not one. */
export function regexParts(literal: string): { source: string; flags: string } | undefined {
  const match = /^\/(.*)\/([a-z]*)$/s.exec(literal);
  return match === null ? undefined : { source: match[1] ?? '', flags: match[2] ?? '' };
}

/** Only `i`: the other flags mean different things (or nothing) in the SQL engines. */
const REGEX_FLAGS = /^i?$/;

export function compileRegex(literal: string): RegExp | string {
  const parts = regexParts(literal);
  if (parts === undefined) return 'a regular expression is written /pattern/ or /pattern/i';
  if (!REGEX_FLAGS.test(parts.flags)) return `the flag(s) "${parts.flags}" are not supported (only i)`;
  try {
    return new RegExp(parts.source, parts.flags);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** What is wrong with a condition that came over the contract (the parser never makes one), else undefined. */
export function conditionProblem(condition: MetadataCondition): string | undefined {
  const { path, op, value } = condition;
  if (path.length === 0 || path.length > MAX_PATH_SEGMENTS) return `a path has 1 to ${MAX_PATH_SEGMENTS} segments`;
  if (path.some((segment) => segment === '')) return 'a path segment may not be empty';
  if (op === 'exists' || op === 'missing') return value === undefined ? undefined : `${op} takes no value`;
  if (value === undefined) return `${op} needs a value`;
  if (op === 'lt' || op === 'le' || op === 'gt' || op === 'ge')
    return NUMBER.test(value) && Number.isFinite(Number(value)) ? undefined : `${op} compares with a number`;
  if (op === 'regex') {
    const compiled = compileRegex(value);
    return typeof compiled === 'string' ? compiled : undefined;
  }
  return undefined;
}

// ---- The parser ----------------------------------------------------------------------------------------

const OPERATORS: readonly [string, MetadataOp][] = [
  ['!=', 'ne'],
  ['<=', 'le'],
  ['>=', 'ge'],
  ['<', 'lt'],
  ['>', 'gt'],
  ['=', 'eq'],
  ['~', 'contains'],
];

/** Characters that end a bare path segment. */
const SEGMENT_END = new Set([',', '\n', '.', '=', '!', '<', '>', '~', '?', '"']);

class QueryParseError extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(`at ${offset}: expected ${expected}`);
  }
}

/** Parses a whole query: conditions separated by commas or new lines (empty ones are skipped). */
export function parseMetadataQuery(text: string): MetadataQueryResult {
  try {
    return { ok: true, conditions: new Parser(text).query() };
  } catch (error) {
    if (!(error instanceof QueryParseError)) throw error;
    const { offset, expected } = error;
    const found = offset >= text.length ? 'the end' : JSON.stringify(text.slice(offset, offset + 1));
    return {
      ok: false,
      error: { offset, expected, message: `At character ${offset + 1}: expected ${expected}, found ${found}` },
    };
  }
}

class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  query(): MetadataCondition[] {
    const conditions: MetadataCondition[] = [];
    for (;;) {
      this.spaces();
      if (this.done()) return conditions;
      if (this.isSeparator()) {
        this.at++;
        continue;
      }
      conditions.push(this.condition());
      this.spaces();
      if (this.done()) return conditions;
      if (!this.isSeparator()) this.fail('"," or the end');
    }
  }

  private condition(): MetadataCondition {
    if (this.peek() === '!' && this.text[this.at + 1] !== '=') {
      this.at++;
      this.spaces();
      return { path: this.path(), op: 'missing' };
    }
    const path = this.path();
    this.spaces();
    if (this.peek() === '?') {
      this.at++;
      return { path, op: 'exists' };
    }
    const op = this.operator();
    this.spaces();
    if (op === 'contains' && this.peek() === '/') return { path, op: 'regex', value: this.regex() };
    return { path, op, value: this.value(op) };
  }

  private path(): string[] {
    const path = [this.segment()];
    while (this.peek() === '.') {
      this.at++;
      path.push(this.segment());
    }
    if (path.length > MAX_PATH_SEGMENTS) this.fail(`at most ${MAX_PATH_SEGMENTS} path segments`);
    return path;
  }

  private segment(): string {
    this.spaces();
    if (this.peek() === '"') {
      const start = this.at;
      const segment = JSON.parse(this.quoted()) as string;
      if (segment === '') this.fail('a non-empty field name', start);
      this.spaces();
      return segment;
    }
    const start = this.at;
    while (!this.done() && !SEGMENT_END.has(this.peek())) this.at++;
    const segment = this.text.slice(start, this.at).trim();
    if (segment === '') this.fail('a field name (quote it with "…" if it holds . , = ! < > ~ ? or ")');
    return segment;
  }

  private operator(): MetadataOp {
    for (const [symbol, op] of OPERATORS) {
      if (this.text.startsWith(symbol, this.at)) {
        this.at += symbol.length;
        return op;
      }
    }
    return this.fail('an operator (= != < <= > >= ~), ? or "." and a field name');
  }

  private value(op: MetadataOp): string {
    const start = this.at;
    const typed = this.peek() === '"' ? this.quoted() : this.bare();
    if (op === 'lt' || op === 'le' || op === 'gt' || op === 'ge') {
      if (!NUMBER.test(typed)) this.fail('a number (comparisons are numeric)', start);
    } else if (op === 'contains' && containsNeedle(typed) === '') {
      this.fail('the text to look for', start);
    }
    return typed;
  }

  /** A bare value runs to the next separator, so `a=b=c` is a equal to "b=c", as before. */
  private bare(): string {
    const start = this.at;
    while (!this.done() && !this.isSeparator()) this.at++;
    return this.text.slice(start, this.at).trim();
  }

  /** A JSON string, returned as its source text (so `"3"` keeps meaning the string). */
  private quoted(): string {
    const start = this.at;
    this.at++;
    while (!this.done() && this.peek() !== '"') {
      if (this.peek() === '\\') {
        const escaped = this.text[this.at + 1] ?? '';
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6)))
            this.fail('four hex digits after \\u', this.at + 2);
          this.at += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escaped) || escaped === '')
          this.fail('an escape: \\" \\\\ \\n \\t \\uXXXX', this.at + 1);
        this.at += 2;
        continue;
      }
      if (this.peek() < ' ') this.fail('a closing " before the line ends');
      this.at++;
    }
    if (this.done()) this.fail(`a closing " for the quote at ${start + 1}`);
    this.at++;
    return this.text.slice(start, this.at);
  }

  private regex(): string {
    const start = this.at;
    this.at++;
    let inClass = false;
    while (!this.done() && (inClass || this.peek() !== '/')) {
      const char = this.peek();
      if (char === '\n') break;
      if (char === '\\') this.at++;
      else if (char === '[') inClass = true;
      else if (char === ']') inClass = false;
      this.at++;
    }
    if (this.done() || this.peek() !== '/') this.fail('a closing / for the regular expression');
    this.at++;
    const flagsAt = this.at;
    while (/[a-z]/.test(this.peek())) this.at++;
    const literal = this.text.slice(start, this.at);
    const compiled = compileRegex(literal);
    if (typeof compiled === 'string') {
      const flags = this.text.slice(flagsAt, this.at);
      if (!REGEX_FLAGS.test(flags)) this.fail('no flag or the flag i', flagsAt);
      this.fail(`a valid regular expression (${compiled})`, start + 1);
    }
    return literal;
  }

  private spaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\r') this.at++;
  }

  private isSeparator(): boolean {
    return this.peek() === ',' || this.peek() === '\n';
  }

  private peek(): string {
    return this.text[this.at] ?? '';
  }

  private done(): boolean {
    return this.at >= this.text.length;
  }

  private fail(expected: string, offset = this.at): never {
    throw new QueryParseError(offset, expected);
  }
}
