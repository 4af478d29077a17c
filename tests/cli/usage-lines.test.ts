/**
 * Usage errors are one line that says what to do (README, "Exit status"), never node:util's own text: a value
 * starting with '-', an unknown flag, a key that looks like a flag, too few arguments, a duration Go cannot hold.
 */
import { describe, expect, it } from 'vitest';
import { cliOnFreshStore as cli } from '../helpers/cli.js';

/** One line ending with the help pointer, exit 2. */
function expectUsageLine(run: { status: number; stdout: string; stderr: string }, command: string, message: string) {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(`${command}: ${message} (see store-inspector ${command} --help)\n`);
}

describe('usage errors are one line', () => {
  it('write --ttl -5s: the negative duration is judged, not node:util\'s "ambiguous"', async () => {
    const { run } = cli();
    expectUsageLine(
      await run('write', 'k', '--ttl', '-5s', 'v'),
      'write',
      '--ttl must not be negative (got -5s); to remove a record use delete',
    );
    expectUsageLine(
      await run('write', 'k', '-e', '-5s', 'v'),
      'write',
      '--expiry must not be negative (got -5s); to remove a record use delete',
    );
  });

  it('a flag left without its value says so', async () => {
    const { run } = cli();
    expectUsageLine(await run('write', 'k', 'v', '--ttl'), 'write', '--ttl needs a value');
    expectUsageLine(await run('list', '--prefix', '--read-only'), 'list', '--prefix needs a value');
  });

  it('a value starting with "-" that is not a flag is taken (list --prefix -tmp/)', async () => {
    const { run } = cli();
    await run('write', '--', '-tmp/1', 'v');
    await run('write', 'other', 'v');
    expect(await run('list', '--prefix', '-tmp/')).toEqual({ status: 0, stdout: '-tmp/1\n', stderr: '' });
  });

  it('an unknown flag: balanced quotes and the way to pass a dash argument', async () => {
    const { run } = cli();
    expectUsageLine(
      await run('list', '--bogus'),
      'list',
      "Unknown option '--bogus'; a KEY or VALUE starting with '-' goes after --, as in: -- -KEY",
    );
  });

  it('write -dash v: not silently -d ash; says a dash key goes after --', async () => {
    const { run } = cli();
    expectUsageLine(
      await run('write', '-dash', 'v'),
      'write',
      "-dash is read as -d ash: write the flag's value apart, or a KEY or VALUE starting with '-' goes after --, as in: -- -KEY",
    );
    expect(await run('write', '--', '-dash', 'v')).toEqual({ status: 0, stdout: '', stderr: 'wrote "-dash"\n' });
    expect((await run('read', '--', '-dash')).stdout).toBe('v\n');
  });

  it('write with no arguments says what it expects', async () => {
    const { run } = cli();
    expectUsageLine(
      await run('write'),
      'write',
      'expected a KEY and its VALUE (KEY VALUE..., or KEY --value-file FILE), got none',
    );
  });

  it('read and delete say they take one KEY', async () => {
    const { run } = cli();
    expectUsageLine(await run('read'), 'read', 'expected one KEY, got none');
    expectUsageLine(await run('delete', 'a', 'b'), 'delete', 'expected one KEY, got 2');
  });

  it('--ttl longer than Go can hold is a usage error, not a clamped expiry', async () => {
    const { run } = cli();
    expectUsageLine(
      await run('write', 'k', '--ttl', '9999999999999h', 'v'),
      'write',
      "--ttl: 9999999999999h is longer than Go's largest duration (2562047h47m16.854775807s, about 292 years)",
    );
    expect((await run('read', 'k')).status).toBe(1);
  });
});
