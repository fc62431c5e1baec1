import { storedToken } from '../auth';

/** The token is missing, invalid or expired (HTTP 401): the user signs in again. */
export class SignInRequired extends Error {}
/** The token is valid but its roles do not allow the operation (HTTP 403). */
export class NotAllowed extends Error {}
/** What the operation names does not exist (HTTP 404, e.g. `INCIDENT.NOT_FOUND`). */
export class NotFoundError extends Error {}

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; status?: number; errors?: { field: string; message: string }[] };
}

/** The server's message, naming each refused field (`extensions.errors`, as REST problems do). */
const messageOf = ({ message, extensions }: GraphQLErrorShape): string =>
  extensions?.errors?.length ? extensions.errors.map((error) => `${error.field}: ${error.message}`).join('; ') : message;

let onSignInRequired: (error: SignInRequired) => void = () => undefined;

/** Called whenever a request answers 401, wherever it was made (the app goes back to sign-in). */
export function whenSignInRequired(handler: (error: SignInRequired) => void): void {
  onSignInRequired = handler;
}

/** Reports a refused token to the handler (from HTTP here, or from the live connection); returns the error. */
export function signInRequired(message: string): SignInRequired {
  const error = new SignInRequired(message);
  onSignInRequired(error);
  return error;
}

function fail(status: number | undefined, message: string): never {
  if (status === 401) throw signInRequired(message);
  if (status === 403) throw new NotAllowed(message);
  if (status === 404) throw new NotFoundError(message);
  throw new Error(message);
}

/**
 * POSTs one operation to the public `/graphql` endpoint with the stored token; resolves to `data`.
 * Throws `SignInRequired` (401), `NotAllowed` (403), `NotFoundError` (404) or an `Error` with the server's message.
 */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${location.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${storedToken() ?? ''}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: GraphQLErrorShape[] };
  const error = body.errors?.[0];
  if (error) fail(error.extensions?.status ?? response.status, messageOf(error));
  if (!response.ok || body.data === undefined) fail(response.status, `The API answered ${response.status}`);
  return body.data;
}
