import { describe, expect, it } from 'vitest';
import type { BackendKind, LiveChanges } from '../../electron/backends/backend.js';
import { changeListGap } from '../../renderer/src/live/change-list-gap.js';

const store = (kind: BackendKind, liveChanges: LiveChanges) => ({
  ...{ path: '/s', display: '/s', fileSize: 0, schemaVersion: 1, databases: 0, tables: 0, records: 0 },
  readOnly: false,
  kind,
  capabilities: {
    ...{ reading: true as const, editing: true, perRecordExpiry: true, metadata: true },
    ...{ liveChanges, cheapCount: true, orderedPaging: true, listsTables: true },
  },
  refusals: {},
});

describe('why the Changes panel lists nothing', () => {
  it('lists each change where the store keeps a log or the server pushes them', () => {
    expect(changeListGap(store('sqlite', 'polling'))).toBeUndefined();
    expect(changeListGap(store('nats', 'events'))).toBeUndefined();
    expect(changeListGap(store('redis', 'events'))).toBeUndefined();
  });

  it('says a polled server is watched by polling, naming the server, never a go-micro file store', () => {
    for (const [kind, name] of [
      ['postgres', 'PostgreSQL'],
      ['mysql', 'MySQL'],
      ['redis', 'Redis'],
    ] as const) {
      const gap = changeListGap(store(kind, 'polling'));
      expect(gap).toBe(
        `${name} is watched by polling what is on screen and the counts: the views update, changes are not listed one by one.`,
      );
      expect(gap).not.toContain('file store');
    }
  });

  it('says a go-micro file store keeps no change log, and a store that tells of none says so', () => {
    expect(changeListGap(store('gomicro', 'polling'))).toBe(
      'A go-micro file store keeps no change log: the views update, nothing is listed.',
    );
    expect(changeListGap(store('postgres', 'none'))).toContain('PostgreSQL tells of no changes here');
  });
});
