/**
 * A bucket's stream replayed from its first message and then followed: every put and delete marker, headers
 * only (no values travel), in stream order, on one ordered push consumer that the client recreates from its
 * last sequence after a reconnect. It has no subject filter: kv.watch() filters on `$KV.<bucket>.>`, the
 * bucket stream's only subject, and creating that filtered consumer over a million messages kept nats-server
 * 2.9 busy for seconds before the first message (docs/backend-nats.md, "The first page of a large bucket").
 */
import { DeliverPolicy, type JetStreamClient, type JsMsg, type OrderedPushConsumerOptions } from '@nats-io/jetstream';

type Operation = 'PUT' | 'DEL' | 'PURGE';

/** One message of a bucket's stream. */
export interface BucketEntry {
  /** The NATS key (the subject after `$KV.<bucket>.`). */
  key: string;
  operation: Operation;
  /** The stream sequence, which is the entry's revision. */
  revision: number;
  /** When the server stored it, in ms since the epoch. */
  at: number;
  /** How many messages followed this one in the stream when it was delivered: 0 at the end of the replay. */
  pending: number;
}

export interface BucketReplay {
  /** Settles when the replay ends (stopped, or its consumer lost for good). */
  ended: Promise<unknown>;
  stop(): void;
}

/** What a replay tells as it runs. */
export interface ReplayListener {
  /** First: the messages in the stream when the consumer was created (0: nothing to deliver). */
  start(pending: number): void;
  entry(entry: BucketEntry): void;
}

/** The KV header that marks a delete or a purge; a put carries none. */
const OPERATION_HEADER = 'KV-Operation';

/**
 * The consumer's options: headers only, from `from` on, and no filter. The client fills in `>` for a filter
 * left out (and sends `''` in the request's subject), so the filter is given as null: JSON's null is Go's
 * empty filter, and the client then leaves it out of the subject too.
 */
function replayOptions(from: number): Partial<OrderedPushConsumerOptions> {
  const options: Partial<OrderedPushConsumerOptions> & { filter_subject: null } = {
    headers_only: true,
    ...(from > 1
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from }
      : { deliver_policy: DeliverPolicy.All }),
    filter_subject: null,
  };
  return options;
}

/**
 * The replay from stream sequence `from` on (1: every message). Each message is handed over as it is read
 * from the socket (the client's callback), not through an async iterator: a promise per message for a
 * million messages kept the thread busy, the pages' timers and gets waiting behind it.
 */
export async function replayBucket(
  js: JetStreamClient,
  bucket: string,
  from: number,
  listener: ReplayListener,
): Promise<BucketReplay> {
  const consumer = await js.consumers.getPushConsumer(`KV_${bucket}`, replayOptions(from));
  listener.start((await consumer.info(true)).num_pending);
  const prefix = `$KV.${bucket}.`;
  const messages = await consumer.consume({
    callback: (message) => {
      if (message.subject.startsWith(prefix)) listener.entry(entryOf(message, prefix));
    },
  });
  return { ended: messages.closed(), stop: () => messages.stop() };
}

function entryOf(message: JsMsg, prefix: string): BucketEntry {
  return {
    key: message.subject.slice(prefix.length),
    operation: operationOf(message.headers?.get(OPERATION_HEADER)),
    revision: message.seq,
    at: Math.floor(message.info.timestampNanos / 1e6),
    pending: message.info.pending,
  };
}

function operationOf(header: string | undefined): Operation {
  return header === 'DEL' || header === 'PURGE' ? header : 'PUT';
}
