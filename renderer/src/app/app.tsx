import type { ApiClient } from '../api/client.js';
import { ClientProvider } from './client-context.js';
import { ErrorBoundary } from './error-boundary.js';
import { StoreVersionProvider } from './store-version.js';
import { Workspace } from './workspace.js';

export function App({ client }: { client: ApiClient }) {
  return (
    <ErrorBoundary>
      <ClientProvider client={client}>
        <StoreVersionProvider>
          <Workspace />
        </StoreVersionProvider>
      </ClientProvider>
    </ErrorBoundary>
  );
}
