import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../serve/server.js';
import { parseCommand, storePathOf, UsageError } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

const options = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'read-only': { type: 'boolean' },
  'renderer-dir': { type: 'string' },
} as const;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the app as a local web page',
  usage: `Usage: store-inspector serve [--store FILE] [--port N] [--read-only] [--host ADDRESS]

--store may name a go-micro store folder or bbolt .db file: it is served read-only.

Serves the app and its API on http://127.0.0.1 (a random port unless --port), guarded by a token
that is part of the printed URL. --host binds another address: only when you mean it.
Ctrl+C closes the store cleanly.

${COMMON_HELP}`,
  async run(argv, output) {
    const { values } = parseCommand(argv, options, 0);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('--port must be from 0 to 65535');
    const rendererDir = resolve(values['renderer-dir'] ?? builtRendererDir());
    if (!existsSync(join(rendererDir, 'index.html'))) {
      output.err(`the app is not built (no ${join(rendererDir, 'index.html')}): run npm run build first`);
      return 1;
    }
    const server = await startServer({
      storePath: storePathOf(values),
      rendererDir,
      port,
      readOnly: values['read-only'] ?? false,
      ...(values.host ? { host: values.host } : {}),
    });
    const readOnly =
      server.session.kind === 'gomicro' ? ', go-micro, read-only' : values['read-only'] ? ', read-only' : '';
    output.out(`Store Inspector: ${server.url}  (store: ${storePathOf(values)}${readOnly})`);
    await waitForSignal();
    await server.close();
    return 0;
  },
};

/** out/renderer of this checkout, found from this file whether it runs from source or a bundle. */
function builtRendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'out', 'renderer');
}

function waitForSignal(): Promise<void> {
  return new Promise((resolveSignal) => {
    const stop = () => resolveSignal();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
