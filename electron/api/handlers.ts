import { StoreStateError } from '../store/index.js';
import type { ExpiryChange, InspectorStore } from '../store/inspector-store.js';
import type { CallName, CallResult, ValidArg } from './contract/calls.js';
import type { ExpirySpec } from './contract/schemas.js';
import { toDetailDto, toSummaryDto } from './dto.js';
import { UnsupportedError } from './errors.js';
import type { StoreSession } from './store-session.js';
import { saveValueToFile, suggestedFileName } from './value-file.js';

export type Handlers = { [N in CallName]: (arg: ValidArg<N>) => Promise<CallResult<N>> };

/** What only some hosts can do: the desktop app has native dialogs, browser mode downloads instead. */
export interface HostCapabilities {
  /** Asks the user where to save a file; undefined when they cancel. */
  chooseSavePath?(suggestedName: string): Promise<string | undefined>;
}

/** The calls of the contract, served over one session's open store. Arguments arrive validated. */
export function createHandlers(session: StoreSession, host: HostCapabilities = {}): Handlers {
  const store = (): InspectorStore => {
    if (session.store === undefined) throw new StoreStateError('no store is open: open or create one first', 'closed');
    return session.store;
  };
  return {
    'store.open': async ({ path, readOnly }) => (await session.open(path, readOnly)).info(),
    'store.create': async ({ path }) => (await session.create(path)).info(),
    'store.close': async () => {
      await session.close();
      return null;
    },
    'store.info': async () => (session.store ? session.store.info() : null),
    'store.databases': async () => store().databases(),
    'table.create': async (namespace) => {
      await store().createTable(namespace);
      return null;
    },
    'records.page': async ({ database, table, ...query }) => {
      const page = await store().page({ database, table }, query);
      return { records: page.records.map(toSummaryDto), next: page.next };
    },
    'records.count': async ({ database, table, filter }) => store().count({ database, table }, filter),
    'record.get': async ({ database, table, key, maxBytes }) =>
      toDetailDto(await store().inspect({ database, table }, key, maxBytes)),
    'record.valueChunk': async ({ database, table, key, offset, length }) => {
      const bytes = await store().readValue({ database, table }, key, offset, length);
      return { value: Buffer.from(bytes).toString('base64') };
    },
    'record.saveValue': async ({ database, table, key }) => {
      if (host.chooseSavePath === undefined) {
        throw new UnsupportedError('saving to a file is done by the browser here: use Download');
      }
      const path = await host.chooseSavePath(suggestedFileName(key));
      if (path === undefined) return null;
      return { path, bytes: await saveValueToFile(store(), { database, table }, key, path) };
    },
    'record.write': async ({ database, table, key, value, metadata, expiry, expectedRevision }) => {
      const record = { key, value: Buffer.from(value, 'base64'), metadata, expiry: expiryToLife(expiry, Date.now()) };
      return { revision: await store().writeIfUnchanged({ database, table }, record, expectedRevision) };
    },
    'records.delete': async ({ database, table, keys }) => ({
      deleted: await store().deleteMany({ database, table }, keys),
    }),
    'records.deleteMatching': async ({ database, table, filter }) => ({
      deleted: await store().deleteMatching({ database, table }, filter),
    }),
    'records.setExpiry': async ({ database, table, keys, expiry }) => ({
      updated: await store().setExpiry({ database, table }, keys, toExpiryChange(expiry)),
    }),
    'record.rename': async ({ database, table, from, to }) => {
      await store().rename({ database, table }, from, to);
      return null;
    },
    'records.purgeExpired': async () => ({ purged: await store().purgeExpired() }),
    'changes.since': async ({ seq, limit }) => {
      const current = store();
      return { changes: await current.changes(seq, limit), latest: await current.latestChange() };
    },
  };
}

/** A record's own expiry is "ms left": an absolute time becomes the time from now until then. */
function expiryToLife(expiry: ExpirySpec, now: number): number {
  if (expiry.kind === 'none') return 0;
  if (expiry.kind === 'ttl') return expiry.ms === 0 ? 0 : expiry.ms;
  return expiry.at <= now ? -1 : expiry.at - now;
}

function toExpiryChange(expiry: ExpirySpec): ExpiryChange {
  if (expiry.kind === 'none') return { none: true };
  if (expiry.kind === 'ttl') return { ttl: expiry.ms };
  return { at: expiry.at };
}
