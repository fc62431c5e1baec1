import { useCallback, useEffect, useState } from 'react';
import { NotAllowed, SignInRequired, whenSignInRequired } from '../api/client';
import { type Features, loadFeatures } from '../api/features';
import { closeLive } from '../api/live';
import { forgetToken, storedToken, storeToken } from '../auth';
import { BASE, onLinkClick, useRoute } from '../router';
import { IncidentListPage } from './IncidentListPage';
import { IncidentPage } from './IncidentPage';
import { NoAccess, NotFound } from './Notices';
import { SignIn } from './SignIn';

/** Signed in (a token the API accepts, and the schema's features known) or the sign-in form. */
export function App() {
  const [token, setToken] = useState(storedToken);
  const [features, setFeatures] = useState<Features>();
  const [message, setMessage] = useState<string>();
  // The API's 403 message for a token that may not read incidents (it names the roles needed).
  const [denied, setDenied] = useState<string>();
  const route = useRoute();

  const signOut = useCallback((reason?: string) => {
    forgetToken();
    closeLive();
    setToken(null);
    setFeatures(undefined);
    setDenied(undefined);
    setMessage(reason);
  }, []);

  useEffect(() => whenSignInRequired((error) => signOut(`Please sign in again: ${error.message}`)), [signOut]);

  useEffect(() => {
    if (!token) return;
    loadFeatures().then(setFeatures, (error: unknown) => {
      if (error instanceof NotAllowed) setDenied(error.message);
      else if (!(error instanceof SignInRequired)) setMessage(`The API could not be reached: ${String(error)}`);
    });
  }, [token, signOut]);

  if (!token) {
    return (
      <SignIn
        message={message}
        onToken={(value) => {
          storeToken(value);
          setMessage(undefined);
          setToken(storedToken());
        }}
      />
    );
  }
  return (
    <>
      <header className="top">
        <a className="brand" href={`${BASE}/`} onClick={onLinkClick}>
          Incident Ledger
        </a>
        <nav aria-label="Account">
          <button type="button" onClick={() => signOut('Signed out.')}>
            Sign out
          </button>
        </nav>
      </header>
      <main id="main">
        {message && <p role="alert" className="error">{message}</p>}
        {denied ? (
          <NoAccess />
        ) : !features ? (
          <p aria-live="polite">Loading…</p>
        ) : route.page === 'incident' ? (
          <IncidentPage key={route.id} id={route.id} features={features} />
        ) : route.page === 'list' ? (
          <IncidentListPage features={features} />
        ) : (
          <NotFound />
        )}
      </main>
    </>
  );
}
