/**
 * The buckets of one NATS server, each loaded once (key snapshot, tables, watch) and loaded again after its
 * watch ended. A bucket is created the way go-micro's Write creates it: file storage, one value per key, and
 * go-micro's description.
 */
import type { KvStatus } from '@nats-io/kv';
import { StoreInputError } from '../../store/types.js';
import { NatsBucket } from './nats-bucket.js';
import type { NatsConnection } from './nats-connection.js';
import type { KeyEncoding } from './nats-keys.js';

/** go-micro's `description` for the buckets it creates (store/nats-js-kv/nats.go). */
const GO_MICRO_DESCRIPTION = 'KeyValue storage administered by go-micro store plugin';

const BUCKET_NAME = /^[-\w]+$/;

export class NatsBuckets {
  private readonly loaded = new Map<string, Promise<NatsBucket>>();

  constructor(
    private readonly connection: NatsConnection,
    private readonly chosen: KeyEncoding | undefined,
  ) {}

  async names(): Promise<string[]> {
    const names: string[] = [];
    for await (const status of this.connection.kvm.list() as AsyncIterable<KvStatus>) names.push(status.bucket);
    return names.sort();
  }

  /** The bucket named by a go-micro database; a missing one is refused unless `create` is set. */
  async get(database: string, create = false): Promise<NatsBucket> {
    const cached = this.loaded.get(database);
    if (cached !== undefined) {
      const bucket = await cached.catch(() => undefined);
      if (bucket !== undefined && !bucket.stale) return bucket;
      this.loaded.delete(database);
    }
    const loading = this.load(database, create);
    this.loaded.set(database, loading);
    loading.catch(() => this.loaded.delete(database));
    return loading;
  }

  close(): void {
    for (const loading of this.loaded.values()) loading.then((bucket) => bucket.stop()).catch(() => undefined);
    this.loaded.clear();
  }

  private async load(database: string, create: boolean): Promise<NatsBucket> {
    if (!BUCKET_NAME.test(database)) {
      throw new StoreInputError(
        `database ${JSON.stringify(database)} cannot be a NATS KV bucket name (only letters, digits, - and _)`,
      );
    }
    const kvm = this.connection.kvm;
    try {
      const kv = create
        ? await kvm.create(database, { description: GO_MICRO_DESCRIPTION, history: 1 })
        : await kvm.open(database);
      return await NatsBucket.load(database, kv, this.chosen);
    } catch (error) {
      if (error instanceof Error && /stream not found/i.test(error.message)) {
        throw new StoreInputError(
          `database ${JSON.stringify(database)} does not exist: there is no KV bucket of that name`,
        );
      }
      throw error;
    }
  }
}
