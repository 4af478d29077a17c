/**
 * Values are bytes: read prints them exactly (not decoded as UTF-8), and write takes any bytes from a
 * file, standard input or base64. Through runCli in this process; binary.test.ts runs the real binary.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { cliOnFreshStore as cli } from '../helpers/cli.js';

/** A PNG signature and bytes that are not UTF-8 (0xff, a lone 0x80, NUL). */
const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x80, 0x00]);
const NEWLINE = Buffer.from('\n');

const jsonValue = (stdout: string) => (JSON.parse(stdout) as { value: string }[])[0]?.value;

describe('read prints the value’s exact bytes', () => {
  it('a binary value comes out byte for byte, then a newline (as micro store read prints it)', async () => {
    const { runBytes, store } = cli();
    // Written by a service through the library, as the bytes reach the store in real use.
    const library = createSqliteStore({ path: store });
    await library.write({ key: 'bin/png-header', value: PNG_HEADER });
    await library.close();
    const read = await runBytes(['read', 'bin/png-header']);
    expect(read.status).toBe(0);
    expect(read.stdoutBytes.subarray(0, 4).toString('hex')).toBe('89504e47');
    expect(read.stdoutBytes).toEqual(Buffer.concat([PNG_HEADER, NEWLINE]));
  });

  it('several binary values with --prefix: each exactly, each followed by a newline', async () => {
    const { run, runBytes } = cli();
    await run('write', 'b/1', Buffer.from([0xfe, 0xff]).toString('base64'), '--base64');
    await run('write', 'b/2', 'text');
    const read = await runBytes(['read', 'b/', '-p']);
    expect(read.stdoutBytes).toEqual(Buffer.from([0xfe, 0xff, 0x0a, ...Buffer.from('text\n')]));
  });

  it('-v shows a value that is not UTF-8 as hex (its first 20 bytes), text as it is', async () => {
    const { run } = cli();
    await run('write', 'bin/png-header', PNG_HEADER.toString('base64'), '--base64');
    await run('write', 'bin/big', Buffer.alloc(64, 0xff).toString('base64'), '--base64');
    expect((await run('read', 'bin/png-header', '-v')).stdout).toBe(
      `bin/png-header\t0x${PNG_HEADER.toString('hex')}\t(expires: never)\n`,
    );
    expect((await run('read', 'bin/big', '-v')).stdout).toBe(
      `bin/big\t0x${'ff'.repeat(20)}… (64 bytes)\t(expires: never)\n`,
    );
  });
});

describe('write takes any bytes: --value-file and --base64', () => {
  it('--value-file PATH stores the file’s bytes as they are', async () => {
    const { run, dir } = cli();
    const file = join(dir, 'header.png');
    writeFileSync(file, PNG_HEADER);
    expect(await run('write', 'img', '--value-file', file)).toEqual({ status: 0, stdout: '', stderr: 'wrote "img"\n' });
    expect(jsonValue((await run('read', 'img', '-o', 'json')).stdout)).toBe(PNG_HEADER.toString('base64'));
  });

  it('--value-file - reads standard input', async () => {
    const { runBytes } = cli();
    expect((await runBytes(['write', 'piped', '--value-file', '-', '--ttl', '1h'], PNG_HEADER)).status).toBe(0);
    expect((await runBytes(['read', 'piped'])).stdoutBytes).toEqual(Buffer.concat([PNG_HEADER, NEWLINE]));
  });

  it('--base64 decodes the value words or the file (whitespace and line breaks ignored)', async () => {
    const { run, dir } = cli();
    await run('write', 'words', 'aGVs', 'bG8=', '--base64');
    const file = join(dir, 'value.b64');
    writeFileSync(file, `${PNG_HEADER.toString('base64').replace(/(.{8})/g, '$1\n')}\n`);
    await run('write', 'file', '--value-file', file, '--base64');
    expect((await run('read', 'words')).stdout).toBe('hello\n');
    expect(jsonValue((await run('read', 'file', '-o', 'json')).stdout)).toBe(PNG_HEADER.toString('base64'));
  });

  it('bad input is refused with the reason, and nothing is written', async () => {
    const { run, dir } = cli();
    await run('write', 'k', 'before');
    const cases: [string[], number, string][] = [
      [['--base64', 'not base64!'], 2, 'write: --base64: the value is not valid base64'],
      [['--base64', 'abc'], 2, 'write: --base64: the value is not valid base64'],
      [
        ['--value-file', join(dir, 'missing.bin')],
        1,
        `cannot read --value-file ${join(dir, 'missing.bin')}: no such file`,
      ],
      [['--value-file', dir], 1, `cannot read --value-file ${dir}: it is a folder, not a file`],
      [['words', '--value-file', join(dir, 'x')], 2, 'write: give the value as words or with --value-file, not both'],
      [[], 2, 'write: expected a VALUE after the KEY (or --value-file)'],
    ];
    for (const [args, status, message] of cases) {
      const result = await run('write', 'k', ...args);
      expect(result.status, args.join(' ')).toBe(status);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
    expect((await run('read', 'k')).stdout).toBe('before\n');
  });
});
