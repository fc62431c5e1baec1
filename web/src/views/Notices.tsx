import { BASE, onLinkClick } from '../router';
import { useTitle } from './use-title';

/** Any path under /app that is no page of the dashboard (also one with a malformed `%` escape). */
export function NotFound() {
  useTitle('Not found');
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>There is no such page in the dashboard.</p>
      <p>
        <a href={`${BASE}/`} onClick={onLinkClick}>
          ← All incidents
        </a>
      </p>
    </section>
  );
}

/** A token the API accepts whose roles may not read incidents (HTTP 403); `reason` is the API's message, which names the roles needed. */
export function NoAccess({ reason }: { reason: string }) {
  useTitle('No access');
  return (
    <section className="panel">
      <h1>No access</h1>
      <p role="alert" className="error">
        This token may not read incidents. The dashboard needs a token with the analyst, auditor or admin role ({reason}).
      </p>
      <p>Sign out and sign in with such a token.</p>
    </section>
  );
}
