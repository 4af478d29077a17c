/**
 * What a copy and a file import into a backend refuse before writing anything: records carrying what the
 * target cannot keep (metadata on Redis and MySQL, a record's own expiry on NATS KV), and a record it cannot
 * take whole (BackendEditing.oversize), and keys it cannot hold (BackendEditing.unheldKeys). One wording for
 * both, with the count; every kind found is told in the first answer, so the user learns all before choosing.
 * What the user chose to go on without (metadata, a record's own expiry) is decided here too, for both.
 */
import { RefusedError } from '../common/backend-refusals.js';
import type { Namespace } from '../store/namespaces.js';
import { type RecordInput, StoreInputError } from '../store/types.js';

/** Why the target cannot keep each; absent where it can (or where the user chose to drop it). */
export interface KeepRefusals {
  metadata?: string | undefined;
  perRecordExpiry?: string | undefined;
}

/** What becomes of metadata, or of a record's own expiry, that the target cannot keep. */
type Fate = 'kept' | 'refused' | 'dropped';

/**
 * The user's choice applied to what the target cannot keep: `dropped`, written without it and counted;
 * `refused`, a record carrying it refuses the whole. `refusals` keeps the reasons still standing, for
 * unkeptRefusals and refuseUnkept.
 */
export interface KeepChoice {
  metadata: Fate;
  expiry: Fate;
  refusals: KeepRefusals;
}

/**
 * The one place a choice to drop (a copy's --drop-metadata and --drop-ttl, an import's dropUnkept) turns a
 * refusal into a loss the report counts: never a silent one.
 */
export function keepChoice(refusals: KeepRefusals, drop: { metadata?: boolean; expiry?: boolean }): KeepChoice {
  const fate = (reason: string | undefined, dropped: boolean | undefined): Fate =>
    reason === undefined ? 'kept' : dropped ? 'dropped' : 'refused';
  const metadata = fate(refusals.metadata, drop.metadata);
  const expiry = fate(refusals.perRecordExpiry, drop.expiry);
  return {
    metadata,
    expiry,
    refusals: {
      ...(metadata === 'refused' ? { metadata: refusals.metadata } : {}),
      ...(expiry === 'refused' ? { perRecordExpiry: refusals.perRecordExpiry } : {}),
    },
  };
}

/** How many records carry metadata, and their own expiry. */
export interface Carrying {
  metadata: number;
  expiry: number;
}

/** Keys the target cannot hold: how many, and why for the first one found. */
export interface UnheldKeys {
  count: number;
  first?: string | undefined;
}

export function noUnheldKeys(): UnheldKeys {
  return { count: 0 };
}

/** Asks a target that answers `unheldKeys` about a batch's keys, adding what it cannot hold to `tally`. */
export async function tallyUnheldKeys(
  target: { unheldKeys?(namespace: Namespace, keys: readonly string[]): Promise<string[]> } | undefined,
  namespace: Namespace,
  keys: readonly string[],
  tally: UnheldKeys,
): Promise<void> {
  if (target?.unheldKeys === undefined || keys.length === 0) return;
  const reasons = await target.unheldKeys(namespace, keys);
  tally.count += reasons.length;
  tally.first ??= reasons[0];
}

/** What follows a refusal's count: how the user could go on without that part (a copy's flags). */
export interface DropAdvice {
  metadata?: string;
  expiry?: string;
}

function unheldText(unheld: UnheldKeys, records: string): string {
  return `${unheld.count} ${records} have a key the target cannot hold, the first: ${unheld.first}`;
}

/**
 * Each refusal the records meet, in order, with its feature: the one wording a copy and an import refuse
 * with, and what an import's preview lists before its button. `records` names them ("record(s) of the
 * file"); `advice` follows the count (what would copy them).
 */
export function unkeptRefusals(
  refusals: KeepRefusals,
  carrying: Carrying,
  records: string,
  advice: DropAdvice = {},
): RefusedError[] {
  const found: RefusedError[] = [];
  if (refusals.metadata !== undefined && carrying.metadata > 0) {
    found.push(
      new RefusedError(
        'metadata',
        `${refusals.metadata} (${carrying.metadata} ${records} carry some${advice.metadata ?? ''})`,
      ),
    );
  }
  if (refusals.perRecordExpiry !== undefined && carrying.expiry > 0) {
    const reason = `${refusals.perRecordExpiry} (${carrying.expiry} ${records} carry their own expiry${advice.expiry ?? ''})`;
    found.push(new RefusedError('perRecordExpiry', reason));
  }
  return found;
}

/** Throws the first refusal the records meet; keys the target cannot hold are told beside it, or alone. */
export function refuseUnkept(
  refusals: KeepRefusals,
  carrying: Carrying,
  records: string,
  advice: DropAdvice = {},
  unheld: UnheldKeys = noUnheldKeys(),
): void {
  const [first] = unkeptRefusals(refusals, carrying, records, advice);
  // No choice drops a key the target cannot hold: it is told beside what the choice would drop.
  if (first !== undefined) {
    const besides = unheld.count > 0 ? `; besides, ${unheldText(unheld, records)}` : '';
    throw new RefusedError(first.feature, `${first.reason}${besides}`);
  }
  refuseUnheld(unheld, records);
}

export function refuseUnheld(unheld: UnheldKeys, records: string): void {
  if (unheld.count > 0) throw new StoreInputError(`${unheldText(unheld, records)}: nothing was written`);
}

/** Where a target answers `oversize`, each record as it would be written is asked; the first refusal throws. */
export function refuseOversize<T>(
  target: { oversize?(namespace: Namespace, record: RecordInput): string | undefined } | undefined,
  namespace: Namespace,
  records: readonly T[],
  input: (record: T) => RecordInput,
): void {
  if (target?.oversize === undefined) return;
  for (const record of records) {
    const why = target.oversize(namespace, input(record));
    if (why !== undefined) throw new StoreInputError(why);
  }
}
