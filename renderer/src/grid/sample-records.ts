import type { CallArg } from '../../../electron/api/contract/calls.js';
import { bytesToBase64, textToBytes } from '../ui/base64.js';
import type { Namespace } from '../ui/namespace.js';

type SampleWrite = CallArg<'record.write'>;

const json = (value: unknown) => textToBytes(JSON.stringify(value));

/** A few records of the kinds a go-micro service keeps: JSON, text, binary, some expiring. */
export function sampleRecords(namespace: Namespace): SampleWrite[] {
  const samples: [string, Uint8Array, Record<string, string | number>, number][] = [
    ['user/1', json({ id: 1, name: 'Ada Lovelace', email: 'ada@example.com', roles: ['admin'] }), { kind: 'user' }, 0],
    ['user/2', json({ id: 2, name: 'Grace Hopper', email: 'grace@example.com', roles: [] }), { kind: 'user' }, 0],
    ['session/8f14e45f', json({ user: 1, agent: 'cli' }), { kind: 'session' }, 5 * 60_000],
    ['cache:greeting', textToBytes('Hello from the store'), { kind: 'cache' }, 45_000],
    ['config:feature-flags', json({ darkMode: true, betaSearch: false, limit: 25 }), { owner: 'web' }, 0],
    [
      'order/1001',
      json({ id: 1001, user: 2, total: 42.5, items: [{ sku: 'A-1', qty: 2 }] }),
      { kind: 'order', v: 2 },
      0,
    ],
    [
      'blob/avatar-1',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      { type: 'png' },
      0,
    ],
    ['rate-limit:10.0.0.7', textToBytes('17'), { kind: 'counter' }, 60 * 60_000],
  ];
  return samples.map(([key, bytes, metadata, ttl]) => ({
    ...namespace,
    key,
    value: bytesToBase64(bytes),
    metadata,
    expiry: ttl === 0 ? { kind: 'none' } : { kind: 'ttl', ms: ttl },
    expectedRevision: null,
  }));
}
