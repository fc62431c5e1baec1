import { BASE, onLinkClick } from '../router';
import { useTitle } from './use-title';

/**
 * Any path under /app that is no page of the dashboard (also one with a malformed `%` escape), or
 * an incident's page for an id the API has no incident of (`detail` says so).
 */
export function NotFound({ detail = 'There is no such page in the dashboard.' }: { detail?: string }) {
  useTitle('Not found');
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>{detail}</p>
      <p>
        <a href={`${BASE}/`} onClick={onLinkClick}>
          ← All incidents
        </a>
      </p>
    </section>
  );
}

/** A token the API accepts whose roles may not read incidents (HTTP 403). */
export function NoAccess() {
  useTitle('No access');
  return (
    <section className="panel">
      <h1>No access</h1>
      <p role="alert" className="error">
        This token may not read incidents. The dashboard needs a token with the analyst, auditor or admin role.
      </p>
      <p>Sign out and sign in with such a token.</p>
    </section>
  );
}
