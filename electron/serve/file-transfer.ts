/**
 * Browser mode's files: the page uploads the file it imports and downloads what it exports, so nothing on the
 * server is named by a path the page made up. Uploads stream into a private folder (never held in memory) and
 * become read grants; exports and copies are written into the same folder and fetched once from an unguessable
 * URL. The folder is created per run (mode 0700) and removed, with everything in it, at shutdown.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fail, ok, type PlainErrorCode, type Result } from '../api/contract/results.js';
import type { FileGrants } from '../api/file-grants.js';
import type { DownloadHost } from '../api/handlers.js';
import { suggestedFileName } from '../api/value-file.js';

export const UPLOAD_PATH = '/api/upload';
export const DOWNLOAD_PREFIX = '/api/download/';
/** Larger than any records file worth importing through a browser; the CLI imports without a limit. */
export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
/** Uploads kept at once: a newer one removes the oldest, so previews without an import cannot fill the disk. */
const MAX_UPLOADS = 4;
/** A download not fetched by then is removed. */
const DOWNLOAD_LIFETIME_MS = 15 * 60 * 1000;

export interface FileTransferOptions {
  grants: FileGrants;
  /** A read-only server imports nothing, so it takes no uploads. */
  readOnly: boolean;
  maxUploadBytes?: number;
}

interface Download {
  path: string;
  name: string;
  timer: NodeJS.Timeout;
}

type Reply = (status: number, body: Result<unknown>) => void;

export class FileTransfer {
  readonly folder = mkdtempSync(join(tmpdir(), 'store-inspector-serve-'));
  private readonly downloads = new Map<string, Download>();
  private readonly uploads: string[] = [];
  private readonly maxUploadBytes: number;

  constructor(private readonly options: FileTransferOptions) {
    this.maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  }

  /** What the handlers need: where to write an export, and how to hand it over. */
  readonly host: DownloadHost = {
    slot: () => this.newPath('export'),
    offer: (path, name) => {
      const id = randomBytes(24).toString('base64url');
      const timer = setTimeout(() => this.forget(id), DOWNLOAD_LIFETIME_MS).unref();
      this.downloads.set(id, { path, name, timer });
      return `${DOWNLOAD_PREFIX}${id}`;
    },
  };

  close(): void {
    for (const id of [...this.downloads.keys()]) this.forget(id);
    this.options.grants.releaseAll();
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** POST /api/upload?name=NAME: the body, streamed into the private folder, becomes a read grant. Runs after the guard. */
  async upload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const reply = replier(response);
    const problem = this.uploadProblem(request);
    if (problem !== undefined) {
      request.resume();
      return reply(problem.status, fail(problem.code, problem.message));
    }
    const name = suggestedFileName(url.searchParams.get('name') ?? 'upload');
    const path = this.newPath('upload');
    try {
      await pipeline(request, limitBytes(this.maxUploadBytes), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      rmSync(path, { force: true });
      return reply(error instanceof UploadTooLargeError ? 413 : 400, fail('invalid-argument', uploadFailure(error)));
    }
    const handle = this.options.grants.grant(path, 'read', { name, dispose: () => rmSync(path, { force: true }) });
    this.keepUpload(handle.id);
    reply(200, ok(handle));
  }

  private uploadProblem(
    request: IncomingMessage,
  ): { status: number; code: PlainErrorCode; message: string } | undefined {
    if (this.options.readOnly) {
      return { status: 403, code: 'read-only', message: 'this server is read-only: nothing can be imported' };
    }
    // Not a type a form or a "simple" request can send: another origin cannot post one without a preflight.
    if (request.headers['content-type'] !== 'application/octet-stream') {
      return { status: 415, code: 'invalid-argument', message: 'an upload is sent as application/octet-stream' };
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > this.maxUploadBytes) {
      return { status: 413, code: 'invalid-argument', message: tooLargeMessage(this.maxUploadBytes) };
    }
    return undefined;
  }

  private keepUpload(id: string): void {
    this.uploads.push(id);
    while (this.uploads.length > MAX_UPLOADS) {
      const oldest = this.uploads.shift();
      if (oldest !== undefined) this.options.grants.release(oldest);
    }
  }

  /** GET /api/download/<id>: the file once, as an attachment; then the URL is spent and the file removed. */
  download(pathname: string, response: ServerResponse): void {
    const id = pathname.slice(DOWNLOAD_PREFIX.length);
    const entry = this.downloads.get(id);
    if (entry === undefined) {
      replier(response)(404, fail('not-found', 'this download was already fetched or has expired: export again'));
      return;
    }
    // One time only: the URL is spent as soon as it is asked for.
    this.downloads.delete(id);
    clearTimeout(entry.timer);
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': contentDisposition(entry.name),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    void pipeline(createReadStream(entry.path), response)
      .catch(() => response.destroy())
      .finally(() => rmSync(entry.path, { force: true }));
  }

  private forget(id: string): void {
    const entry = this.downloads.get(id);
    if (entry === undefined) return;
    this.downloads.delete(id);
    clearTimeout(entry.timer);
    rmSync(entry.path, { force: true });
  }

  private newPath(kind: string): string {
    return join(this.folder, `${kind}-${randomBytes(12).toString('hex')}`);
  }
}

class UploadTooLargeError extends Error {}

function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > max ? new UploadTooLargeError() : null, chunk);
    },
  });
}

function tooLargeMessage(max: number): string {
  return `the file is larger than ${max} bytes, the most browser mode takes: import it with the command line instead`;
}

function uploadFailure(error: unknown): string {
  if (error instanceof UploadTooLargeError)
    return 'the file is too large for browser mode: import it with the command line';
  return 'the upload did not arrive whole: try again';
}

/** An attachment, with an ASCII fallback name and the exact name for browsers that read RFC 5987. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function replier(response: ServerResponse): Reply {
  return (status, result) => {
    const body = JSON.stringify(result);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    response.end(body);
  };
}
