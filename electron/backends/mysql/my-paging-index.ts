/**
 * The opt-in byte-order index for go-micro's MySQL table (docs/backend-mysql.md, "Key order"): its key column
 * takes the server's language collation, so pages in byte order sort every matching row. A virtual column
 * `key_bytes` (CAST(key AS BINARY)) with an index answers them; go-micro names its columns in every
 * statement, so what it reads and writes is unchanged. It is the user's to add: the app shows the statement
 * and runs it on confirmation.
 */
import type { PagingIndexPlan } from '../backend.js';
import type { Queryable } from './my-connection.js';
import { byteOrderIndexStatements, type ShapedTable } from './my-names.js';

/** The statements as one text, `;`-separated, as the user sees and approves them. */
export async function pagingIndexPlan(_db: Queryable, table: ShapedTable): Promise<PagingIndexPlan> {
  return { statement: table.keyOrder === 'sorted' ? byteOrderIndexStatements(table).join(';\n') : null };
}

/** False when the column already sorts by bytes or the index is there. */
export async function indexForPaging(db: Queryable, table: ShapedTable): Promise<boolean> {
  if (table.keyOrder !== 'sorted') return false;
  for (const statement of byteOrderIndexStatements(table)) await db.query(statement);
  return true;
}
