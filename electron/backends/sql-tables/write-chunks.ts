/**
 * A many-record write on a SQL server goes in statements of bounded size: one statement per record is a
 * round trip each (20,000 records took seconds), one statement for all of them can outgrow what the server
 * takes in one message (MySQL's max_allowed_packet, Postgres's 1 GB). Both backends cut their batches here.
 */

export interface ChunkLimits {
  /** Rows per statement. */
  rows: number;
  /** Bytes of values per statement; a single larger value still goes, alone. */
  bytes: number;
}

/** `rows` in order, cut into runs within `limits`. */
export function* writeChunks<Row extends { value: Uint8Array }>(rows: Row[], limits: ChunkLimits): Generator<Row[]> {
  let chunk: Row[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (chunk.length > 0 && (chunk.length >= limits.rows || bytes + row.value.length > limits.bytes)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += row.value.length;
  }
  if (chunk.length > 0) yield chunk;
}
