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
 * Whether it signed someone in (an empty `#token=` is dropped from the address bar too, and signs no one in).
 */
export function takeTokenFromFragment(location: Location, history: History): boolean {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token === null) return false;
  if (token) storeToken(token);
  history.replaceState(history.state, '', location.pathname + location.search);
  return token !== '';
}

/**
 * The roles the stored token claims, read without checking its signature (the server decides what
 * it may do): only so that the page does not ask for what the server would refuse. `undefined` when
 * the token does not say.
 */
export function claimedRoles(): string[] | undefined {
  try {
    const payload = storedToken()!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const { roles } = JSON.parse(atob(payload)) as { roles?: unknown };
    return Array.isArray(roles) ? roles.map(String) : undefined;
  } catch {
    return undefined;
  }
}
