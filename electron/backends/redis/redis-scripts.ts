/**
 * The Lua scripts the backend runs. A script runs atomically on the server, so a compare-and-set or a batch of
 * writes is whole or not at all, and a value longer than what is shown of it is hashed where it is instead of
 * crossing the network whole. A record's revision is the SHA-1 of its value and its absolute expiry (PEXPIRETIME, Redis
 * 7.0+): Redis keeps no version, and remaining life (PTTL) would change the revision every millisecond.
 */
import { createHash, hash } from 'node:crypto';
import type { Redis } from 'ioredis';

const REVISION = `local function revision(key, value)
  return redis.sha1hex(value) .. ':' .. tostring(redis.call('PEXPIRETIME', key))
end
`;

/**
 * Per key: false when missing or not a string, else {size, head, pexpiretime, revision}. For one key, and for
 * the keys of a page whose values are longer than their head (redis-summaries.ts).
 */
export const SUMMARIES = `${REVISION}
local head = tonumber(ARGV[1])
local out = {}
for i, key in ipairs(KEYS) do
  local value = redis.pcall('GET', key)
  if type(value) == 'string' then
    out[i] = {string.len(value), string.sub(value, 1, head), redis.call('PEXPIRETIME', key), revision(key, value)}
  else
    out[i] = false
  end
end
return out`;

/**
 * Compare-and-set of one key. ARGV: expected revision ('' = must be missing), value, unit ('' | EX | PX), ttl.
 * Returns {1, new revision} when written, {0, current revision or ''} when the record moved on.
 */
export const WRITE_IF_UNCHANGED = `${REVISION}
local key = KEYS[1]
local value = redis.pcall('GET', key)
if type(value) == 'table' then return redis.error_reply('WRONGTYPE the key holds a ' .. redis.call('TYPE', key)['ok'] .. ', not a go-micro record') end
local current = ''
if value then current = revision(key, value) end
if current ~= ARGV[1] then return {0, current} end
if ARGV[3] == '' then redis.call('SET', key, ARGV[2]) else redis.call('SET', key, ARGV[2], ARGV[3], ARGV[4]) end
return {1, revision(key, ARGV[2])}`;

/**
 * Many records at once. ARGV[1]: policy (overwrite | skip | fail), then per key: value, unit, ttl.
 * Returns {written, overwritten, skipped}, {-1, index} (1-based) of the first key that exists under 'fail',
 * or {-2, index} of the first key holding another type than a string (not a record: SET would destroy it).
 */
export const WRITE_RECORDS = `local policy = ARGV[1]
local present, first = {}, nil
for i, key in ipairs(KEYS) do
  local kind = redis.call('TYPE', key)['ok']
  if kind ~= 'none' and kind ~= 'string' then return {-2, i} end
  if kind == 'string' then
    present[key] = true
    first = first or i
  end
end
if policy == 'fail' and first then return {-1, first} end
local written, overwritten, skipped = 0, 0, 0
for i, key in ipairs(KEYS) do
  local at = 2 + (i - 1) * 3
  -- One TYPE a key, above; a key given twice exists for its second write.
  local exists = present[key] == true
  if exists and policy == 'skip' then
    skipped = skipped + 1
  else
    if ARGV[at + 1] == '' then redis.call('SET', key, ARGV[at]) else redis.call('SET', key, ARGV[at], ARGV[at + 1], ARGV[at + 2]) end
    if exists then overwritten = overwritten + 1 else written = written + 1 end
    present[key] = true
  end
end
return {written, overwritten, skipped}`;

/**
 * Deletes the keys that hold strings (go-micro's records) and leaves any other type alone: a hash or list under
 * the table's prefix is not a record, so a delete must not destroy it. Returns how many were deleted.
 */
export const DELETE_RECORDS = `local deleted = 0
for _, key in ipairs(KEYS) do
  if redis.call('TYPE', key)['ok'] == 'string' then
    redis.call('DEL', key)
    deleted = deleted + 1
  end
end
return deleted`;

/**
 * Renames a record: 0 when the source is missing or not a string (not a record), -1 when the target exists
 * (any type: nothing is overwritten), 1 when renamed. The value and expiry move with the key.
 */
export const RENAME_RECORD = `if redis.call('TYPE', KEYS[1])['ok'] ~= 'string' then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
redis.call('RENAME', KEYS[1], KEYS[2])
return 1`;

/**
 * Duplicates a record: 0 when the source is missing or not a string (not a record), -1 when the target exists
 * (any type), 1 when copied. COPY without REPLACE carries the value and the expiry.
 */
export const DUPLICATE_RECORD = `if redis.call('TYPE', KEYS[1])['ok'] ~= 'string' then return 0 end
if redis.call('COPY', KEYS[1], KEYS[2]) == 0 then return -1 end
return 1`;

/**
 * Sets the expiry of the keys that hold strings, leaving any other type alone (an expiry on a hash would
 * destroy it later). ARGV: PEXPIRE, PEXPIREAT or PERSIST, then the milliseconds (ignored by PERSIST).
 * Returns how many records there were.
 */
export const SET_EXPIRY = `local existing = 0
for _, key in ipairs(KEYS) do
  if redis.call('TYPE', key)['ok'] == 'string' then
    if ARGV[1] == 'PERSIST' then redis.call('PERSIST', key) else redis.call(ARGV[1], key, ARGV[2]) end
    existing = existing + 1
  end
end
return existing`;

/** A digest of the keys' values and expiries: the polled change token of what is on screen. */
export const DIGEST = `local parts = {}
for i, key in ipairs(KEYS) do
  local value = redis.pcall('GET', key)
  if type(value) == 'string' then
    parts[i] = redis.sha1hex(value) .. ':' .. tostring(redis.call('PEXPIRETIME', key))
  else
    parts[i] = '-'
  end
end
return redis.sha1hex(table.concat(parts, ','))`;

const shas = new Map<string, string>();

/** EVALSHA, loading the script once per server (EVAL on NOSCRIPT); replies keep their bytes. */
export async function runScript(
  client: Redis,
  script: string,
  keys: readonly Buffer[],
  args: readonly (string | Buffer | number)[],
): Promise<unknown> {
  let sha = shas.get(script);
  if (sha === undefined) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  try {
    return await client.callBuffer('EVALSHA', sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.callBuffer('EVAL', script, keys.length, ...keys, ...args);
  }
}

/**
 * The revision the scripts give a value with its PEXPIRETIME (-1: none), computed here from the same bytes.
 * One-shot `hash` is ~10x faster than `createHash` on short values, and a page hashes a hundred of them.
 */
export function revisionOf(value: Uint8Array, pexpiretime: number): string {
  return `${hash('sha1', value)}:${pexpiretime}`;
}
