import { type Client, createClient } from 'graphql-ws';
import { storedToken } from '../auth';
import { signInRequired } from './client';

let client: Client | undefined;

/** One graphql-ws connection to `/graphql` for the tab, authenticated with the stored token (docs/api.md). */
function liveClient(): Client {
  client ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: () => ({ authorization: `Bearer ${storedToken() ?? ''}` }),
    // 4401: no valid token, or it expired while connected; 4403: no read role. Retrying cannot help.
    shouldRetry: (event) => !(event instanceof CloseEvent && (event.code === 4401 || event.code === 4403)),
    on: {
      closed: (event) => {
        if (event instanceof CloseEvent && event.code === 4401) signInRequired(event.reason || 'Token expired');
      },
    },
  });
  return client;
}

/** Subscribes; returns the unsubscribe function. A refused or expired token goes to sign-in (see `whenSignInRequired`). */
export function subscribe<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void): () => void {
  return liveClient().subscribe<T>({ query, variables }, { next: ({ data }) => data && onData(data as T), error: () => undefined, complete: () => undefined });
}

/** Closes the connection (on sign-out: the next subscription connects with the new token). */
export function closeLive(): void {
  void client?.dispose();
  client = undefined;
}
