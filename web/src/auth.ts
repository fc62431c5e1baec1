/** The bearer token lives in this tab's session storage only: closing the tab signs out. */
const KEY = 'incident-ledger.token';

export const storedToken = (): string | null => sessionStorage.getItem(KEY);

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim().replace(/^Bearer\s+/i, ''));
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}

/**
 * The link `incident-ledger token --url` prints carries the token in the fragment (`#token=…`),
 * which browsers never send to a server. It is moved into session storage and removed from the
 * address bar and the history entry, so it is neither bookmarked nor shared by copying the address.
 */
export function takeTokenFromFragment(location: Location, history: History): void {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return;
  storeToken(token);
  history.replaceState(history.state, '', location.pathname + location.search);
}
