/**
 * Server-sent events read with fetch: unlike EventSource, fetch sends the token in the
 * Authorization header, so no cookie (which every server on the same host would receive) is needed.
 */

/** How long to wait before opening the stream again after it broke (EventSource waits about as long). */
const RETRY_MS = 2_000;

export interface EventStreamHandlers {
  /** The stream is open (again): events may have been missed while it was not. */
  onOpen(): void;
  onData(data: string): void;
}

/**
 * Opens the stream and keeps it open, reconnecting when it breaks; a refusal (401/403) ends it, as
 * it would end EventSource. Returns the function that closes it.
 */
export function readEventStream(
  url: string,
  headers: Record<string, string>,
  handlers: EventStreamHandlers,
): () => void {
  const controller = new AbortController();
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connect = async (): Promise<void> => {
    try {
      const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
      if (response.status === 401 || response.status === 403) return;
      if (response.ok && response.body !== null) {
        handlers.onOpen();
        await readFrames(response.body, handlers.onData);
      }
    } catch {
      // A broken connection or a server that went away: try again below, unless we were closed.
    }
    if (!controller.signal.aborted) retry = setTimeout(() => void connect(), RETRY_MS);
  };
  void connect();
  return () => {
    controller.abort();
    clearTimeout(retry);
  };
}

/** Calls `onData` with the data of each frame (frames end with a blank line; comments are skipped). */
async function readFrames(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const data = frameData(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (data !== '') onData(data);
    }
  }
}

function frameData(frame: string): string {
  return frame
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).replace(/^ /, ''))
    .join('\n');
}
