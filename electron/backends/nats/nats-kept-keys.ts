/**
 * A large bucket's key listing kept across opens, in the app's data folder (docs/backend-nats.md, "A key
 * snapshot kept across opens"): the live NATS keys, the keys whose last entry is a delete or purge marker,
 * and the stream sequence they were listed at. A reopen replays only the messages after that sequence; the
 * stream's creation time tells a bucket deleted and made again, and its subject count tells keys that went
 * without a marker (a stream purge, a bucket TTL), either of which sends the reopen back to a full replay.
 * Only a cache: a file that cannot be read or written is ignored.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

/** A bucket's keys as listed at stream sequence `seq`. */
export interface KeptKeys {
  /** The stream's creation time (stream info's `created`): a bucket made again has another. */
  created: string;
  seq: number;
  live: string[];
  markers: string[];
}

interface KeptFile extends KeptKeys {
  version: 1;
  where: string;
  bucket: string;
}

/** Listings kept, the most recently written first; older ones are removed. */
const MAX_FILES = 8;
/** A larger bucket is not kept (the bench's 1M keys take 3.3 MB gzipped; 8 such files, under 60 MB). */
const MAX_KEYS = 2_000_000;

const gzipped = promisify(gzip);
const gunzipped = promisify(gunzip);

export class KeptKeyStore {
  constructor(
    private readonly folder: string,
    /** Buckets of fewer messages list in well under a second: not worth a file. */
    readonly fromMessages = 10_000,
  ) {}

  async read(where: string, bucket: string): Promise<KeptKeys | undefined> {
    try {
      const text = await gunzipped(await readFile(this.file(where, bucket)));
      const kept = JSON.parse(text.toString('utf8')) as Partial<KeptFile>;
      if (kept.version !== 1 || kept.where !== where || kept.bucket !== bucket) return undefined;
      if (typeof kept.created !== 'string' || !Number.isSafeInteger(kept.seq)) return undefined;
      if (!Array.isArray(kept.live) || !Array.isArray(kept.markers)) return undefined;
      return { created: kept.created, seq: kept.seq as number, live: kept.live, markers: kept.markers };
    } catch {
      return undefined;
    }
  }

  async write(where: string, bucket: string, keys: KeptKeys): Promise<void> {
    if (keys.live.length + keys.markers.length > MAX_KEYS) return;
    try {
      await mkdir(this.folder, { recursive: true });
      const path = this.file(where, bucket);
      const body: KeptFile = { version: 1, where, bucket, ...keys };
      // Written aside and renamed, so a reader never sees half a file.
      await writeFile(`${path}.tmp`, await gzipped(JSON.stringify(body)));
      await rename(`${path}.tmp`, path);
      await this.prune();
    } catch {
      // A listing not kept is listed again next time.
    }
  }

  private file(where: string, bucket: string): string {
    const name = createHash('sha256').update(`${where}\n${bucket}`).digest('hex').slice(0, 32);
    return join(this.folder, `${name}.json.gz`);
  }

  private async prune(): Promise<void> {
    const names = (await readdir(this.folder)).filter((name) => name.endsWith('.json.gz'));
    if (names.length <= MAX_FILES) return;
    const dated = await Promise.all(
      names.map(async (name) => ({ name, at: (await stat(join(this.folder, name))).mtimeMs })),
    );
    dated.sort((a, b) => b.at - a.at);
    for (const { name } of dated.slice(MAX_FILES)) await rm(join(this.folder, name), { force: true });
  }
}
