/**
 * go-micro keeps no registry of its MySQL databases and tables, so they are found by shape: a table whose own
 * columns are exactly `key` (a varchar, the primary key), `value` (a BLOB) and `expiry` (a TIMESTAMP). A
 * generated column does not count against it: our opt-in `key_bytes` (my-names.ts) is one.
 */

import type { RowDataPacket } from 'mysql2';
import { namespaceKey } from '../../common/namespace-key.js';
import type { Queryable } from './my-connection.js';
import { KEY_BYTES_COLUMN, type KeyOrder, type MyTable, type ShapedTable } from './my-names.js';

interface ColumnRow extends RowDataPacket {
  db: string;
  tbl: string;
  name: string;
  type: string;
  length: number | null;
  collation: string | null;
  colKey: string;
  extra: string;
}

const COLUMNS = `
  SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, COLUMN_NAME AS name, DATA_TYPE AS type,
    CHARACTER_MAXIMUM_LENGTH AS length, COLLATION_NAME AS collation, COLUMN_KEY AS colKey, EXTRA AS extra
  FROM information_schema.COLUMNS`;

const SYSTEM_DATABASES = "('mysql', 'information_schema', 'performance_schema', 'sys')";
const KEY_TYPES = new Set(['varchar', 'char', 'varbinary', 'binary']);
const VALUE_TYPES = new Set(['tinyblob', 'blob', 'mediumblob', 'longblob']);

/** Every table in go-micro's shape the user can see, sorted by database and table (byte order). */
export async function findShapedTables(db: Queryable): Promise<ShapedTable[]> {
  const [rows] = await db.query<ColumnRow[]>(`${COLUMNS} WHERE TABLE_SCHEMA NOT IN ${SYSTEM_DATABASES}`);
  const byTable = new Map<string, ColumnRow[]>();
  for (const row of rows) {
    const id = namespaceKey(row.db, row.tbl);
    byTable.set(id, [...(byTable.get(id) ?? []), row]);
  }
  const shaped = [...byTable.values()].flatMap((columns) => {
    const first = columns[0];
    const table = first === undefined ? undefined : shapeOf({ database: first.db, table: first.tbl }, columns);
    return table === undefined ? [] : [table];
  });
  return shaped.sort((a, b) => byBytes(a.database, b.database) || byBytes(a.table, b.table));
}

/** One table in go-micro's shape, or undefined when it is missing or of another shape. */
export async function shapedTable(db: Queryable, target: MyTable): Promise<ShapedTable | undefined> {
  const [rows] = await db.query<ColumnRow[]>(`${COLUMNS} WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`, [
    target.database,
    target.table,
  ]);
  return rows.length === 0 ? undefined : shapeOf(target, rows);
}

function shapeOf(target: MyTable, columns: ColumnRow[]): ShapedTable | undefined {
  const own = columns.filter((column) => !/GENERATED|VIRTUAL|STORED|PERSISTENT/i.test(column.extra));
  const named = new Map(own.map((column) => [column.name, column]));
  const key = named.get('key');
  const value = named.get('value');
  const expiry = named.get('expiry');
  if (own.length !== 3 || key === undefined || value === undefined || expiry === undefined) return undefined;
  const onlyKeyIsPrimary = own.every((column) => (column.colKey === 'PRI') === (column === key));
  if (!onlyKeyIsPrimary || !KEY_TYPES.has(key.type) || !VALUE_TYPES.has(value.type) || expiry.type !== 'timestamp') {
    return undefined;
  }
  return {
    ...target,
    keyOrder: keyOrderOf(key, columns),
    keyChars: key.length ?? 255,
    valueBytes: value.length ?? 65_535,
    keyBytesColumn: columns.some((column) => column.name === KEY_BYTES_COLUMN),
  };
}

/**
 * Byte order from the column itself when its collation compares bytes with no padding; `utf8mb4_bin` is not
 * enough, as it pads with spaces (`a\t` sorts before `a` there, after it in Go).
 */
function keyOrderOf(key: ColumnRow, columns: ColumnRow[]): KeyOrder {
  const collation = key.collation ?? 'binary';
  if (key.type.endsWith('binary') || collation === 'binary' || /_nopad_bin$|_0900_bin$/.test(collation)) {
    return 'column';
  }
  const indexed = columns.some((column) => column.name === KEY_BYTES_COLUMN && column.colKey !== '');
  return indexed ? 'indexed' : 'sorted';
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
