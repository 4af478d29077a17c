import { describe, expect, it } from 'vitest';
import { readOnlyReason } from '../../renderer/src/status/read-only-reason.js';
import {
  defaultChoice,
  type ExportContext,
  exportOptions,
  formatOf,
  scopeOf,
  startingChoice,
  suggestedName,
} from '../../renderer/src/transfer/export-scope.js';
import {
  type ImportForm,
  type ImportReport,
  importProgressText,
  importRefusal,
  previewIsFresh,
} from '../../renderer/src/transfer/import-phase.js';
import {
  addProgress,
  percentDone,
  ratePerSecond,
  recordsPerSecond,
  recordsProgressText,
  startProgress,
} from '../../renderer/src/transfer/task-progress.js';

describe('task progress', () => {
  it('measures the rate over the last two seconds', () => {
    let progress = startProgress(0);
    for (let second = 1; second <= 5; second++)
      progress = addProgress(progress, second * 1_000, 10_000, second * 1_000);
    expect(ratePerSecond(progress)).toBe(1_000);
    expect(progress.samples.length).toBeLessThanOrEqual(4);
    expect(percentDone(progress)).toBe(50);
  });

  it('turns bytes a second into records a second at the file average', () => {
    const progress = addProgress(startProgress(0), 2_000_000, 10_000_000, 1_000);
    // 2 MB/s of a 10 MB file holding 50,000 records: 10,000 records/s.
    expect(recordsPerSecond(progress, 50_000)).toBe(10_000);
    expect(importProgressText(progress, 50_000)).toBe('20% · 10,000 records/s');
    expect(importProgressText(undefined, 50_000)).toBe('Starting…');
  });

  it('counts records against the expected total when the task has none', () => {
    const progress = addProgress(startProgress(0), 500, null, 500);
    expect(percentDone(progress, 2_000)).toBe(25);
    expect(recordsProgressText(progress, 2_000)).toBe('500 of 2,000 records · 1,000 records/s');
    expect(percentDone(startProgress(0))).toBeUndefined();
  });
});

const context = (patch: Partial<ExportContext> = {}): ExportContext => ({
  namespace: { database: 'micro', table: 'users' },
  filter: { prefix: 'user/' },
  filtering: false,
  matching: 10,
  tableCount: 10,
  storeRecords: 12,
  selectedKeys: [],
  ...patch,
});

describe('export scopes', () => {
  it('offers the table and the store always, the filter and the selection when there are ones', () => {
    expect(exportOptions(context()).map((option) => option.choice)).toEqual(['table', 'dump']);
    expect(exportOptions(context({ filtering: true, selectedKeys: ['a'] })).map((option) => option.choice)).toEqual([
      'table',
      'filter',
      'selection',
      'dump',
    ]);
  });

  it('starts from several selected records, else the filter, else the table', () => {
    expect(defaultChoice(context({ selectedKeys: ['a'], filtering: true }))).toBe('filter');
    expect(defaultChoice(context({ selectedKeys: ['a', 'b'] }))).toBe('selection');
    expect(startingChoice(context(), 'selection')).toBe('table');
    expect(startingChoice(context({ selectedKeys: ['a'] }), 'selection')).toBe('selection');
  });

  it('builds the contract scope, format and a file name', () => {
    expect(scopeOf('filter', context())).toEqual({
      kind: 'table',
      database: 'micro',
      table: 'users',
      filter: { prefix: 'user/' },
    });
    expect(scopeOf('table', context())).toEqual({ kind: 'table', database: 'micro', table: 'users', filter: {} });
    expect(scopeOf('selection', context({ selectedKeys: ['a'] }))).toMatchObject({ kind: 'selection', keys: ['a'] });
    expect(formatOf('dump', 'array')).toBe('dump');
    expect(suggestedName('selection', 'lines', { database: 'my db', table: 'users' })).toBe(
      'my_db-users-selection.ndjson',
    );
  });
});

describe('the import preview', () => {
  const form: ImportForm = {
    file: { id: 'g1', name: 'a.json', download: false },
    database: 'micro',
    table: 'micro',
    policy: 'overwrite',
    dropUnkept: false,
  };
  const preview = { format: 'array' } as ImportReport;
  it('stays fresh while the file and the target are the ones previewed (a dump ignores the target)', () => {
    expect(previewIsFresh({ step: 'previewed', preview, form }, { ...form, policy: 'skip' })).toBe(true);
    expect(previewIsFresh({ step: 'previewed', preview, form }, { ...form, table: 'other' })).toBe(false);
    const dump = { format: 'dump' } as ImportReport;
    expect(previewIsFresh({ step: 'previewed', preview: dump, form }, { ...form, table: 'other' })).toBe(true);
    expect(previewIsFresh({ step: 'choose' }, form)).toBe(false);
  });
  it('holds Import back while the target cannot keep a record whole, until the user imports without it', () => {
    const unkept = {
      format: 'lines',
      records: 2,
      unkept: ['Redis keeps no metadata (1 record(s) of the file carry some)'],
    };
    const found = unkept as ImportReport;
    expect(importRefusal(false, found, false)).toBe(
      'Redis keeps no metadata (1 record(s) of the file carry some): choose to import them without it',
    );
    expect(importRefusal(false, found, true)).toBeUndefined();
    expect(importRefusal(true, found, true)).toBe('The store is open read-only');
    expect(importRefusal(false, { ...found, records: 0 } as ImportReport, true)).toBe('The file holds no records');
  });
});

describe('the read-only reason', () => {
  const capabilities = {
    reading: true as const,
    editing: true,
    perRecordExpiry: true,
    metadata: true,
    liveChanges: 'polling' as const,
    cheapCount: true,
    orderedPaging: true,
    listsTables: true,
  };
  const info = {
    ...{ path: '/s', display: '/s', fileSize: 0, schemaVersion: 1, databases: 0, tables: 0, records: 0 },
    capabilities,
    refusals: {},
  };
  it('names why nothing can be changed', () => {
    expect(readOnlyReason({ ...info, readOnly: false, kind: 'sqlite' })).toBeUndefined();
    expect(readOnlyReason({ ...info, readOnly: true, kind: 'sqlite' })).toBe('opened read-only');
    expect(readOnlyReason({ ...info, readOnly: true, kind: 'gomicro' })).toBe(
      "go-micro's file store is read-only: copy it into a Store Inspector store to edit",
    );
  });
});
