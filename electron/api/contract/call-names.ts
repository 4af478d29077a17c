/**
 * The names of the contract's calls, without their schemas: what the sandboxed preload needs to
 * expose one function per call without bundling the validation library. calls.ts is checked
 * against this list at compile time, so the two cannot drift apart.
 */
export const CALL_NAMES = [
  'store.open',
  'store.create',
  'store.close',
  'store.reopen',
  'store.connect',
  'store.openInitial',
  'store.tables',
  'store.info',
  'store.databases',
  'store.copyToSqlite',
  'table.create',
  'records.page',
  'records.count',
  'record.get',
  'record.valueChunk',
  'record.saveValue',
  'record.write',
  'records.delete',
  'records.deleteMatching',
  'records.setExpiry',
  'record.rename',
  'records.purgeExpired',
  'file.chooseImport',
  'file.chooseExport',
  'file.chooseGoMicroFolder',
  'import.preview',
  'import.run',
  'export.run',
  'task.cancel',
  'changes.since',
  'record.duplicate',
  'records.setExpiryMatching',
  'records.countPrefixes',
  'connections.test',
  'connections.list',
  'connections.save',
  'connections.forget',
  'connections.open',
  'table.analyse',
  'table.figures',
] as const;

export type CallName = (typeof CALL_NAMES)[number];
