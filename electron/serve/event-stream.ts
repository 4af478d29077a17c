import type { ServerResponse } from 'node:http';
import type { ApiEvent } from '../api/contract/events.js';

/** Server-sent events to every open page; a page that went away is dropped. */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();

  add(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  send(event: ApiEvent): void {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of this.clients) client.write(frame);
  }

  closeAll(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
