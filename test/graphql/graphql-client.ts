import type { TestApp } from '../support/test-app.js';

export interface GraphqlResponse<Data = Record<string, unknown>> {
  readonly status: number;
  readonly data?: Data | null;
  readonly errors?: readonly { message: string; path?: string[]; extensions: { code: string; status: number; errors?: { field: string; message: string }[] } }[];
}

/** POSTs one operation to `/graphql`, with `authorization` as the `Authorization` header when given. */
// Response data is whatever the operation selected; the tests' assertions check its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function graphql<Data = Record<string, any>>(
  t: TestApp,
  authorization: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlResponse<Data>> {
  const request = t.http.post('/graphql').send({ query, variables });
  if (authorization) request.set('Authorization', authorization);
  const response = await request;
  return { status: response.status, data: response.body.data, errors: response.body.errors };
}
