import { BboltError } from './bbolt-errors.js';
import type { ByteSource } from './byte-source.js';

/** bbolt's file marker and format version (internal/common/types.go). */
export const BBOLT_MAGIC = 0xed0cdaed;
export const BBOLT_VERSION = 2;
export const PAGE_HEADER_SIZE = 16;
/** Meta fields: magic, version, pageSize, flags u32; root {pgid, sequence}, freelist, pgid, txid u64; checksum. */
export const META_SIZE = 64;
const CHECKSUM_AT = 56;
const MIN_BBOLT_PAGE_BYTES = 512;
const MAX_BBOLT_PAGE_BYTES = 1 << 30;

export interface Meta {
  /** 0 or 1: which meta page this is. */
  slot: number;
  pageSize: number;
  rootPgid: number;
  /** null when the freelist is not synced to disk (bbolt's NoFreelistSync). */
  freelistPgid: number | null;
  /** The high-water mark: every page of this transaction's tree lies below it. */
  highWater: number;
  txid: number;
}

export type MetaResult = { ok: true; meta: Meta } | { ok: false; reason: string };

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const U64 = 0xffffffffffffffffn;

/** FNV-1a, 64 bits: what bbolt's meta checksum uses (Go's hash/fnv New64a). */
export function fnv1a64(bytes: Uint8Array): bigint {
  let h = FNV_OFFSET;
  for (const b of bytes) h = ((h ^ BigInt(b)) * FNV_PRIME) & U64;
  return h;
}

/** A u64 as a number; page ids and txids past 2^53 cannot come from a real file, so they mean damage. */
export function readU64(buf: Buffer, at: number): number | null {
  const lo = buf.readUInt32LE(at);
  const hi = buf.readUInt32LE(at + 4);
  return hi >= 0x200000 ? null : hi * 0x100000000 + lo;
}

function isAllOnes(buf: Buffer, at: number): boolean {
  return buf.readUInt32LE(at) === 0xffffffff && buf.readUInt32LE(at + 4) === 0xffffffff;
}

/** Decodes and validates the meta held by a meta page that starts at `page[0]`. */
export function decodeMeta(page: Buffer, slot: number): MetaResult {
  if (page.length < PAGE_HEADER_SIZE + META_SIZE) return { ok: false, reason: 'the file ends inside it' };
  const m = page.subarray(PAGE_HEADER_SIZE, PAGE_HEADER_SIZE + META_SIZE);
  const magic = m.readUInt32LE(0);
  if (magic !== BBOLT_MAGIC) {
    if (m.readUInt32BE(0) === BBOLT_MAGIC)
      return { ok: false, reason: 'written on a big-endian machine (unsupported)' };
    return { ok: false, reason: `bad magic number 0x${hex32(magic)} (a bbolt meta page has 0x${hex32(BBOLT_MAGIC)})` };
  }
  const version = m.readUInt32LE(4);
  if (version !== BBOLT_VERSION) return { ok: false, reason: `format version ${version}, expected ${BBOLT_VERSION}` };
  const stored = m.readBigUInt64LE(CHECKSUM_AT);
  const computed = fnv1a64(m.subarray(0, CHECKSUM_AT));
  if (stored !== computed) {
    return { ok: false, reason: `checksum mismatch (stored 0x${hex64(stored)}, computed 0x${hex64(computed)})` };
  }
  return metaFields(m, slot);
}

function metaFields(m: Buffer, slot: number): MetaResult {
  const pageSize = m.readUInt32LE(8);
  const rootPgid = readU64(m, 16);
  const highWater = readU64(m, 40);
  const txid = readU64(m, 48);
  const freelistPgid = isAllOnes(m, 32) ? null : readU64(m, 32);
  if (pageSize < MIN_BBOLT_PAGE_BYTES || pageSize > MAX_BBOLT_PAGE_BYTES)
    return { ok: false, reason: `page size ${pageSize}` };
  if (rootPgid === null || highWater === null || txid === null) return { ok: false, reason: 'ids out of range' };
  if (rootPgid < 2 || rootPgid >= highWater) {
    return { ok: false, reason: `root page ${rootPgid} outside 2..${highWater - 1}` };
  }
  if (!isAllOnes(m, 32) && (freelistPgid === null || freelistPgid >= highWater)) {
    return { ok: false, reason: `freelist page ${freelistPgid} past the high-water mark ${highWater}` };
  }
  return { ok: true, meta: { slot, pageSize, rootPgid, freelistPgid, highWater, txid } };
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function hex64(n: bigint): string {
  return n.toString(16).padStart(16, '0');
}

/**
 * Like bbolt's DB.meta(): both meta pages are checked and the valid one with the higher txid wins, so a meta
 * torn by a crash (or being written right now) falls back to the previous transaction. The page size comes
 * from meta 0, or, when meta 0 is broken, from wherever a valid meta 1 sits (bbolt's getPageSizeFromSecondMeta).
 */
export function loadMeta(source: ByteSource): Meta {
  const size = source.size();
  if (size === 0) throw new BboltError('not-bbolt', source.name, null, 'the file is empty, not a bbolt database');
  const first = decodeMeta(source.read(0, Math.min(size, 4096)), 0);
  const second = first.ok ? decodeMeta(source.read(first.meta.pageSize, 4096), 1) : findSecondMeta(source, size);
  const valid = [first, second].flatMap((r) => (r.ok ? [r.meta] : []));
  const best = valid.sort((a, b) => b.txid - a.txid)[0];
  if (best === undefined) {
    const reasons = `page 0: ${reasonOf(first)}; page 1: ${reasonOf(second)}`;
    throw new BboltError('not-bbolt', source.name, null, `not a bbolt database, no valid meta page (${reasons})`);
  }
  if (size < best.pageSize * 2) {
    const detail = `the file is ${size} bytes, too short for two meta pages of ${best.pageSize} bytes (truncated)`;
    throw new BboltError('truncated', source.name, null, detail);
  }
  return best;
}

function reasonOf(r: MetaResult): string {
  return r.ok ? 'valid' : r.reason;
}

function findSecondMeta(source: ByteSource, size: number): MetaResult {
  let firstFailure: MetaResult = { ok: false, reason: 'no meta page found at any page size' };
  for (let shift = 0; shift <= 14; shift++) {
    const at = 1024 << shift;
    if (at >= size - 1024) break;
    const result = decodeMeta(source.read(at, 4096), 1);
    if (result.ok && result.meta.pageSize === at) return result;
    if (at === 4096 && !result.ok) firstFailure = result;
  }
  return firstFailure;
}
