/**
 * A Postgres URL on MySQL's port: MySQL speaks first, and its greeting's first byte (the packet's length) may
 * read as a Postgres message type ("R" is 82), so the check must know a MySQL packet when it sees one.
 */
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isMySqlGreeting } from '../../electron/backends/sql-tables/foreign-server.js';
import { MYSQL, serverAvailable } from './server-available.js';

const mysqlUp = await serverAvailable(MYSQL);

function firstChunk(port: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.once('data', (chunk: Buffer) => {
      socket.destroy();
      resolve(chunk);
    });
    socket.once('error', reject);
    socket.connect(port, '127.0.0.1');
  });
}

describe('a MySQL greeting', () => {
  it.skipIf(!mysqlUp)('is told from the server on 3306 as it greets', async () => {
    expect(isMySqlGreeting(await firstChunk(3306))).toBe(true);
  });

  it('is told apart from a Postgres authentication request whose bytes begin alike', () => {
    // 82 bytes of greeting: its first byte is "R", Postgres's authentication request.
    const greeting = Buffer.concat([Buffer.from([82, 0, 0, 0, 10]), Buffer.alloc(81, 0x41)]);
    expect(greeting[0]).toBe('R'.charCodeAt(0));
    expect(isMySqlGreeting(greeting)).toBe(true);
    const authenticationOk = Buffer.from([82, 0, 0, 0, 8, 0, 0, 0, 0]);
    const md5 = Buffer.from([82, 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4]);
    expect(isMySqlGreeting(authenticationOk)).toBe(false);
    expect(isMySqlGreeting(md5)).toBe(false);
    expect(isMySqlGreeting(Buffer.from('INFO {"server_id":"x"}\r\n'))).toBe(false);
  });
});
