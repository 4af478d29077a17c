import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '../../serve/server.js';
import { parseCommand, storeTargetOf, UsageError } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

const options = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'read-only': { type: 'boolean' },
  'renderer-dir': { type: 'string' },
} as const;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the app as a local web page',
  usage: `Usage: store-inspector serve [--store FILE|URL] [--port N] [--read-only]
                             [--host ADDRESS] [--allow-host NAME]...

--store may name a go-micro store folder or bbolt .db file (served read-only), or a server URL
(postgres://, redis://, nats://, mysql://). The page may switch to another server by URL and back.

Serves the app and its API on http://127.0.0.1 (a random port unless --port), guarded by a token
that is part of the printed URL. Ctrl+C closes the store cleanly.

--host ADDRESS      binds another address (0.0.0.0: every interface). The API is then reachable from
                    the network over plain HTTP: only when you mean it.
--allow-host NAME   a host name or address other browsers use to reach this machine (its LAN name or
                    IP address); repeat for more. Browsers using any other name are refused.

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
    const allowHosts = (values['allow-host'] ?? []).map(checkHostName);
    const store = storeTargetOf(values);
    const server = await startServer({
      store,
      rendererDir,
      port,
      readOnly: values['read-only'] ?? false,
      allowHosts,
      ...(values.host ? { host: values.host } : {}),
    });
    const readOnly =
      server.session.kind === 'gomicro' ? ', go-micro, read-only' : server.session.readOnly ? ', read-only' : '';
    // display: a server's password is masked (the URL printed is the page's, with its token).
    output.out(`Store Inspector: ${server.url}  (store: ${store.display}${readOnly})`);
    if (server.exposed) output.err(networkWarning(values.host ?? '', server));
    await waitForSignal();
    await server.close();
    return 0;
  },
};

/** A name for --allow-host: a host name or an IP address, without a port or a wildcard. */
function checkHostName(name: string): string {
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  const hostName = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
  if (hostName.test(bare) || isIP(bare) !== 0) return bare;
  throw new UsageError(
    `--allow-host ${JSON.stringify(name)} is not a host name or IP address (give it without a port, e.g. --allow-host mybox.lan)`,
  );
}

/** Said on stderr, so the first line of stdout stays the URL. */
function networkWarning(host: string, server: RunningServer): string {
  const lines = [
    `warning: --host ${host} makes this store reachable from the network, over plain HTTP: anyone who`,
    '  sees the traffic can take the token and then read and change the store. Use it on a network you trust.',
  ];
  if (server.networkUrls.length === 0) {
    lines.push('  Browsers on other machines are refused until you name this machine with --allow-host NAME.');
  } else lines.push(`  Other machines open: ${server.networkUrls.join('  ')}`);
  return lines.join('\n');
}

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
