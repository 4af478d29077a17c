import type { ApiClient } from '../api/api-client.js';
import { LiveProvider } from '../live/live-provider.js';
import { ClientProvider } from './client-context.js';
import { ErrorBoundary } from './error-boundary.js';
import { Workspace } from './workspace.js';

export function App({ client }: { client: ApiClient }) {
  return (
    <ErrorBoundary>
      <ClientProvider client={client}>
        <LiveProvider>
          <Workspace />
        </LiveProvider>
      </ClientProvider>
    </ErrorBoundary>
  );
}
