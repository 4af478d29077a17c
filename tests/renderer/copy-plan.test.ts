import { describe, expect, it } from 'vitest';
import { calls } from '../../electron/api/contract/calls.js';
import {
  type CopyReport,
  type CopySource,
  type CopyTargetDraft,
  cancelledText,
  copyArg,
  copyFormProblem,
  copyScopeOptions,
  defaultCopyChoice,
  defaultPlace,
  keptNotLines,
  refusedText,
  targetLosses,
} from '../../renderer/src/copy/copy-plan.js';

const source: CopySource = {
  display: '/data/shop.db',
  namespace: { database: 'shop', table: 'orders' },
  filter: { prefix: 'order/' },
  filtering: true,
  matching: 12,
  tableCount: 40,
  databaseCount: 90,
  storeRecords: 150,
  carries: { metadata: true, expiry: true },
};

const target: CopyTargetDraft = {
  url: ' postgres://app@db/prod ',
  password: 's3cret',
  savedId: undefined,
  database: 'shop',
  table: 'orders',
};

const report = (change: Partial<CopyReport>): CopyReport => ({
  source: '/data/shop.db',
  target: 'redis://cache:6379/0',
  targetKind: 'redis',
  tables: 1,
  records: 10,
  written: 10,
  overwritten: 0,
  skippedExisting: 0,
  skippedExpired: 0,
  cannotKeep: { metadata: 0, ttl: 0 },
  dropped: { metadata: 0, ttl: 0 },
  existing: 0,
  atomic: false,
  batches: 1,
  dryRun: false,
  ms: 5,
  ...change,
});

describe('what the copy dialog offers', () => {
  it('the table, the filter when one is set, the database and the whole store, with their counts', () => {
    expect(copyScopeOptions(source).map(({ choice, count }) => [choice, count])).toEqual([
      ['table', 40],
      ['filter', 12],
      ['database', 90],
      ['all', 150],
    ]);
    expect(copyScopeOptions({ ...source, filtering: false }).map(({ choice }) => choice)).not.toContain('filter');
    expect(defaultCopyChoice(source)).toBe('filter');
    expect(defaultCopyChoice({ ...source, filtering: false })).toBe('table');
  });

  it('names the target as the source does; a whole store keeps every name', () => {
    expect(defaultPlace('table', source.namespace)).toEqual({ database: 'shop', table: 'orders' });
    expect(defaultPlace('database', source.namespace)).toEqual({ database: 'shop', table: '' });
    expect(defaultPlace('all', source.namespace)).toEqual({ database: '', table: '' });
  });

  it('says what is missing before starting', () => {
    expect(copyFormProblem({ ...target, url: ' ' }, 'table')).toMatch(/server URL/);
    expect(copyFormProblem({ ...target, url: '', savedId: 's1' }, 'table')).toBeUndefined();
    expect(copyFormProblem({ ...target, table: '' }, 'filter')).toMatch(/database and table/);
    expect(copyFormProblem({ ...target, database: '' }, 'database')).toMatch(/database/);
    expect(copyFormProblem({ ...target, database: '', table: '' }, 'all')).toBeUndefined();
  });
});

describe('the store.copyTo argument', () => {
  it('copies the filtered table under the names given, the password apart from the URL', () => {
    const arg = copyArg('t1', source, 'filter', target, { policy: 'skip', dropLosses: false });
    expect(arg).toEqual({
      taskId: 't1',
      to: { url: 'postgres://app@db/prod', password: 's3cret' },
      scope: { kind: 'table', database: 'shop', table: 'orders', filter: { prefix: 'order/' } },
      toDatabase: 'shop',
      toTable: 'orders',
      policy: 'skip',
      dropMetadata: false,
      dropTtl: false,
      dryRun: false,
    });
    // What the page sends is what the contract takes.
    expect(calls['store.copyTo'].arg.safeParse(arg).success).toBe(true);
  });

  it('names a saved connection by its id only, and sends no table for several tables', () => {
    const arg = copyArg(
      't2',
      source,
      'all',
      { ...target, savedId: 's1', database: '', table: 'x' },
      {
        policy: 'overwrite',
        dropLosses: true,
      },
    );
    expect(arg.to).toEqual({ saved: 's1' });
    expect(arg.scope).toEqual({ kind: 'all' });
    expect(arg).not.toHaveProperty('toDatabase');
    expect(arg).not.toHaveProperty('toTable');
    expect(arg).toMatchObject({ dropMetadata: true, dropTtl: true });
    expect(calls['store.copyTo'].arg.safeParse(arg).success).toBe(true);
  });

  it('the table scope carries no filter', () => {
    const arg = copyArg('t3', source, 'table', target, { policy: 'fail', dropLosses: false });
    expect(arg.scope).toEqual({ kind: 'table', database: 'shop', table: 'orders', filter: {} });
  });
});

describe('what the target cannot keep, in the one wording', () => {
  it('ahead, from the test: only what the source’s records may carry', () => {
    const redis = {
      capabilities: { metadata: false, perRecordExpiry: true },
      refusals: { metadata: 'Redis keeps no metadata' },
    };
    expect(targetLosses(source, redis)).toEqual(['Redis keeps no metadata']);
    expect(targetLosses({ ...source, carries: { metadata: false, expiry: true } }, redis)).toEqual([]);
    const nats = {
      capabilities: { metadata: true, perRecordExpiry: false },
      refusals: { perRecordExpiry: 'NATS KV has no per-record TTL' },
    };
    expect(targetLosses(source, nats)).toEqual(['NATS KV has no per-record TTL']);
  });

  it('in the report: what was copied without it, by the target’s kind', () => {
    expect(keptNotLines(report({}))).toEqual([]);
    expect(keptNotLines(report({ dropped: { metadata: 3, ttl: 0 } }))).toEqual([
      'Redis keeps no metadata: 3 records copied without their metadata',
    ]);
    expect(keptNotLines(report({ targetKind: 'nats', dropped: { metadata: 0, ttl: 1 } }))).toEqual([
      'NATS KV has no per-record TTL: 1 record copied without its own expiry',
    ]);
    expect(keptNotLines(report({ targetKind: 'mysql', dropped: { metadata: 2, ttl: 0 } }))).toEqual([
      "go-micro's MySQL store keeps no metadata: 2 records copied without their metadata",
    ]);
  });

  it('a refusal reads without the command line’s flag', () => {
    expect(
      refusedText(
        'Redis keeps no metadata (3 record(s) carry some; --drop-metadata copies them without it): nothing was written',
      ),
    ).toBe('Redis keeps no metadata (3 record(s) carry some): nothing was written');
  });
});

describe('what a cancel left', () => {
  it('nothing, where the target had a transaction or no batch was written', () => {
    expect(cancelledText('cancelled: nothing was written', 'postgres://db/x')).toBe(
      'Nothing was written into postgres://db/x.',
    );
    expect(cancelledText('cancelled: nothing was written (not atomic: nothing was written)', 'redis://c')).toBe(
      'Nothing was written into redis://c.',
    );
  });

  it('the batches a target without one kept, as the host counted them', () => {
    expect(
      cancelledText(
        'cancelled (not atomic: 2000 record(s) were written whole before it stopped, none in part)',
        'redis://c',
      ),
    ).toBe('redis://c has no transaction: 2000 record(s) were written whole before it stopped, none in part.');
  });
});
