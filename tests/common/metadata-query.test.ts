import { describe, expect, it } from 'vitest';
import {
  conditionOf,
  conditionProblem,
  fieldEqualityOf,
  type MetadataQueryError,
  parseMetadataQuery,
  typedJsonTexts,
} from '../../electron/common/metadata-query.js';

function parsed(text: string) {
  const result = parseMetadataQuery(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.conditions;
}

function failure(text: string): MetadataQueryError {
  const result = parseMetadataQuery(text);
  if (result.ok) throw new Error(`parsed: ${JSON.stringify(result.conditions)}`);
  return result.error;
}

describe('metadata query parser', () => {
  it('reads every operator', () => {
    expect(parsed('a=1, b!=x, c<1, d<=2, e>3, f>=-4.5, g~sub, h~/^x.+$/i, i?, !j')).toEqual([
      { path: ['a'], op: 'eq', value: '1' },
      { path: ['b'], op: 'ne', value: 'x' },
      { path: ['c'], op: 'lt', value: '1' },
      { path: ['d'], op: 'le', value: '2' },
      { path: ['e'], op: 'gt', value: '3' },
      { path: ['f'], op: 'ge', value: '-4.5' },
      { path: ['g'], op: 'contains', value: 'sub' },
      { path: ['h'], op: 'regex', value: '/^x.+$/i' },
      { path: ['i'], op: 'exists' },
      { path: ['j'], op: 'missing' },
    ]);
  });

  it('reads nested paths, with quoted segments for names holding dots or operators', () => {
    expect(parsed('owner.team=auth')).toEqual([{ path: ['owner', 'team'], op: 'eq', value: 'auth' }]);
    expect(parsed('"a.b"."x=y" = 1')).toEqual([{ path: ['a.b', 'x=y'], op: 'eq', value: '1' }]);
    expect(parsed('!owner . team')).toEqual([{ path: ['owner', 'team'], op: 'missing' }]);
    expect(parsed('my field = two words ')).toEqual([{ path: ['my field'], op: 'eq', value: 'two words' }]);
  });

  it('keeps quoted values as typed, so commas and operators fit and "3" still means the string', () => {
    expect(parsed('a="x, y=z", b="3"\nc=3')).toEqual([
      { path: ['a'], op: 'eq', value: '"x, y=z"' },
      { path: ['b'], op: 'eq', value: '"3"' },
      { path: ['c'], op: 'eq', value: '3' },
    ]);
    expect(parsed('a="say \\"hi\\", \\u00e9"')[0]?.value).toBe('"say \\"hi\\", \\u00e9"');
    expect(typedJsonTexts('3')).toEqual(['3', '"3"']);
    expect(typedJsonTexts('"3"')).toEqual(['"3"', '"\\"3\\""']);
  });

  it('keeps the old field=value meanings: the value runs to the comma, empty parts are skipped', () => {
    expect(parsed('kind=job,, a=b=c ,')).toEqual([
      { path: ['kind'], op: 'eq', value: 'job' },
      { path: ['a'], op: 'eq', value: 'b=c' },
    ]);
    expect(parsed('note=')).toEqual([{ path: ['note'], op: 'eq', value: '' }]);
    expect(parsed('  ')).toEqual([]);
  });

  it('points at the place of each error and says what it expected', () => {
    expect(failure('tier')).toMatchObject({ offset: 4, expected: expect.stringContaining('an operator') });
    expect(failure('a=1, =2').offset).toBe(5);
    expect(failure('v>three')).toMatchObject({ offset: 2, expected: 'a number (comparisons are numeric)' });
    expect(failure('a="open, b=1').offset).toBe(12);
    expect(failure('a="bad \\q"').offset).toBe(8);
    expect(failure('a?x').offset).toBe(2);
    expect(failure('name~/(a/').offset).toBe(6);
    expect(failure('name~/[a-/').expected).toBe('a closing / for the regular expression');
    expect(failure('name~/abc/g').offset).toBe(10);
    expect(failure('name~/abc').expected).toBe('a closing / for the regular expression');
    expect(failure('a.=1').offset).toBe(2);
    expect(failure('a~').expected).toBe('the text to look for');
    expect(failure('""=1').offset).toBe(0);
    expect(failure('a="x" y').message).toBe('At character 7: expected "," or the end, found "y"');
  });

  it('reads a regular expression holding a slash in a class or escaped', () => {
    expect(parsed('p~/a[/]b\\/c/')).toEqual([{ path: ['p'], op: 'regex', value: '/a[/]b\\/c/' }]);
    expect(parsed('p~"/usr"')).toEqual([{ path: ['p'], op: 'contains', value: '"/usr"' }]);
  });
});

describe('metadata conditions over the contract', () => {
  it('reads an old {field, value} as top-level equality', () => {
    expect(conditionOf({ field: 'a.b', value: '3' })).toEqual({ path: ['a.b'], op: 'eq', value: '3' });
    expect(fieldEqualityOf({ path: ['kind'], op: 'eq', value: 'job' })).toEqual({ field: 'kind', value: 'job' });
    expect(fieldEqualityOf({ path: ['a', 'b'], op: 'eq', value: 'x' })).toBeUndefined();
  });

  it('refuses conditions the parser would not make', () => {
    expect(conditionProblem({ path: [], op: 'eq', value: '1' })).toMatch(/segments/);
    expect(conditionProblem({ path: ['v'], op: 'gt', value: 'x' })).toMatch(/number/);
    expect(conditionProblem({ path: ['v'], op: 'regex', value: '/(/' })).toBeDefined();
    expect(conditionProblem({ path: ['v'], op: 'regex', value: '/a/g' })).toMatch(/only i/);
    expect(conditionProblem({ path: ['v'], op: 'exists', value: '1' })).toMatch(/no value/);
    expect(conditionProblem({ path: ['v'], op: 'eq' })).toMatch(/needs a value/);
    expect(conditionProblem({ path: ['v', 'w'], op: 'ge', value: '2.5' })).toBeUndefined();
  });
});
