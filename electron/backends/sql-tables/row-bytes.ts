/**
 * A driver's Buffer (pg's bytea, mysql2's BLOB) as the Uint8Array the Backend seam carries, without copying
 * it. `new Uint8Array(buffer)` allocates a fresh ArrayBuffer per row: 1-2 µs each on this machine, which made
 * row mapping the largest thing our layer added to a 100-row page (docs/benchmarks.md, "backends"). A view
 * keeps the driver's memory alive as long as the record: a page's worth, read once and let go.
 */
export function bytesOf(buffer: Buffer | null): Uint8Array {
  return buffer === null ? new Uint8Array(0) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
