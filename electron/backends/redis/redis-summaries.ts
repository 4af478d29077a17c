/**
 * What a grid row or the editor shows of a key: size, first bytes, expiry and revision
 * (docs/backend-redis.md, "Reading a page"). A page reads them as the plain client would, one pipeline of
 * GETRANGE + PEXPIRETIME per key, and hashes the values that came back whole here; only a value longer than the
 * head goes through the SUMMARIES script, which hashes it where it is instead of sending it whole. One key read
 * for the editor or a conflict uses the script alone: one atomic round trip.
 */
import type { Redis } from 'ioredis';
import { revisionOf, runScript, SUMMARIES } from './redis-scripts.js';

/** What is known of one key that exists as a string (a go-micro record). */
export interface KeySummary {
  size: number;
  head: Buffer;
  /** Absolute expiry in ms since the epoch, or null. */
  expiresAt: number | null;
  revision: string;
}

/** A key's expiry alone, for a count that an expiry filter thins out. */
export interface KeyExpiry {
  expiresAt: number | null;
  /** Nothing of the value: a count without a value filter tests none. */
  head: Buffer;
}

type Reply = [Error | null, unknown];

const NO_BYTES = Buffer.alloc(0);

/** Size, first `headBytes`, expiry and revision of each key, in one atomic round trip (the script). */
export async function summarise(
  client: Redis,
  redisKeys: readonly Buffer[],
  headBytes: number,
): Promise<(KeySummary | undefined)[]> {
  if (redisKeys.length === 0) return [];
  const replies = (await runScript(client, SUMMARIES, redisKeys, [headBytes])) as unknown[];
  return replies.map((reply) => {
    if (!Array.isArray(reply)) return undefined;
    const [size, head, expiry, revision] = reply as [number, Buffer, number, Buffer];
    return { size, head, expiresAt: expiresAt(expiry), revision: revision.toString() };
  });
}

/**
 * The same for a page's keys (`headBytes` at least 1), costing what the plain client's GET + PEXPIRETIME
 * pipeline costs: a value shorter than `headBytes` came back whole and is hashed here, into the revision the
 * script would give the same bytes. The two commands of a key are not one atomic step: a write landing
 * between them gives a row mixing the old value with the new expiry, whose revision matches no state the
 * server had, so saving over it is a conflict, never a lost update; the next read shows the new record.
 */
export async function readSummaries(
  client: Redis,
  redisKeys: readonly Buffer[],
  headBytes: number,
): Promise<(KeySummary | undefined)[]> {
  if (redisKeys.length === 0) return [];
  const pipeline = client.pipeline();
  for (const key of redisKeys) pipeline.getrangeBuffer(key, 0, headBytes - 1).pexpiretime(key);
  const replies = ((await pipeline.exec()) ?? []) as Reply[];
  const summaries: (KeySummary | undefined)[] = [];
  const longer: number[] = [];
  redisKeys.forEach((_, index) => {
    const head = stringReply(replies[index * 2]);
    const expiry = numberReply(replies[index * 2 + 1]);
    // PEXPIRETIME -2: the key is gone (or was, between the two commands).
    if (head === undefined || expiry === -2) summaries.push(undefined);
    else if (head.length >= headBytes) {
      summaries.push(undefined);
      longer.push(index);
    } else {
      summaries.push({ size: head.length, head, expiresAt: expiresAt(expiry), revision: revisionOf(head, expiry) });
    }
  });
  if (longer.length === 0) return summaries;
  const whole = await summarise(
    client,
    longer.map((index) => redisKeys[index] as Buffer),
    headBytes,
  );
  longer.forEach((index, at) => {
    summaries[index] = whole[at];
  });
  return summaries;
}

/** The expiry of each key that exists as a string, in one pipeline of STRLEN (type check) + PEXPIRETIME. */
export async function readExpiries(client: Redis, redisKeys: readonly Buffer[]): Promise<(KeyExpiry | undefined)[]> {
  if (redisKeys.length === 0) return [];
  const pipeline = client.pipeline();
  for (const key of redisKeys) pipeline.strlen(key).pexpiretime(key);
  const replies = ((await pipeline.exec()) ?? []) as Reply[];
  return redisKeys.map((_, index) => {
    const [typeError] = replies[index * 2] ?? [];
    if (typeError) throwUnlessWrongType(typeError);
    const expiry = numberReply(replies[index * 2 + 1]);
    return typeError || expiry === -2 ? undefined : { expiresAt: expiresAt(expiry), head: NO_BYTES };
  });
}

/** The bytes of a string reply; undefined for a key of another type, which is no go-micro record. */
function stringReply(reply: Reply | undefined): Buffer | undefined {
  const [error, value] = reply ?? [new Error('no reply')];
  if (error) return throwUnlessWrongType(error);
  return value instanceof Buffer ? value : undefined;
}

function numberReply(reply: Reply | undefined): number {
  const [error, value] = reply ?? [new Error('no reply')];
  if (error) throw error;
  return Number(value);
}

/** go-micro's Read skips a key of another type (WRONGTYPE), and so do we; any other error is real. */
function throwUnlessWrongType(error: Error): undefined {
  if (error.message.startsWith('WRONGTYPE')) return undefined;
  throw error;
}

/** PEXPIRETIME's -1 (no expiry) as null. */
function expiresAt(pexpiretime: number): number | null {
  return pexpiretime > 0 ? pexpiretime : null;
}
