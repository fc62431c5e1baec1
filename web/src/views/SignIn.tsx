import { useState } from 'react';
import { useTitle } from './use-title';

/** Paste a token, or open the link `incident-ledger token --url` prints (it signs in by itself). */
export function SignIn({ message, onToken }: { message?: string; onToken: (token: string) => void }) {
  const [value, setValue] = useState('');
  useTitle('Sign in');
  return (
    <main id="main" className="sign-in">
      <h1>Incident Ledger</h1>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onToken(value);
        }}
      >
        <label htmlFor="token">Bearer token</label>
        <textarea id="token" name="token" rows={4} value={value} onChange={(event) => setValue(event.target.value)} required autoFocus spellCheck={false} />
        <button type="submit">Sign in</button>
      </form>
      <p className="hint">
        Get a sign-in link with <code>node dist/src/cli.js token --role analyst --role auditor --sub you --url</code>. The token stays in this tab only.
      </p>
    </main>
  );
}
