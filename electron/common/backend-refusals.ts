/**
 * What each kind of store cannot do, worded once: the write path refuses with these words and the page shows
 * them where the control would be, so a user reads the same reason everywhere. Shared with the page, so no
 * imports.
 */

export type BackendKind = 'sqlite' | 'gomicro' | 'postgres' | 'redis' | 'nats' | 'mysql';

/** The parts of go-micro's record model a backend may lack. */
export type RefusedFeature = 'editing' | 'metadata' | 'perRecordExpiry';

const REFUSALS: Readonly<Record<BackendKind, Partial<Record<RefusedFeature, string>>>> = {
  sqlite: {},
  // The go-micro Store's own wording (gomicro/gomicro-read-only.ts), with what to do instead.
  gomicro: { editing: "go-micro's file store is read-only: copy it into a Store Inspector store to edit" },
  postgres: {},
  redis: { metadata: 'Redis keeps no metadata' },
  nats: { perRecordExpiry: 'NATS KV has no per-record TTL' },
  mysql: { metadata: "go-micro's MySQL store keeps no metadata" },
};

/** The one wording of why `kind` cannot do `feature`, or undefined when it can. */
export function refusalReason(kind: BackendKind, feature: RefusedFeature): string | undefined {
  return REFUSALS[kind][feature];
}

/** Thrown by a write that asks for what the backend cannot keep; `reason` is the one wording above. */
export class RefusedError extends Error {
  constructor(
    readonly feature: RefusedFeature,
    readonly reason: string,
  ) {
    super(`${reason}: nothing was written`);
    this.name = 'RefusedError';
  }
}
