import { useEffect, useState } from 'react';
import { graphql, SignInRequired } from '../api/client';

export interface QueryState<T> {
  data?: T;
  error?: string;
  loading: boolean;
}

/** Runs `query` whenever it or `variables` (compared as JSON) change; a stale answer is dropped. */
export function useQuery<T>(query: string | null, variables: Record<string, unknown> = {}): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ loading: query !== null });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (query === null) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    graphql<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => current && setState({ data, loading: false }),
      (error: Error) => current && !(error instanceof SignInRequired) && setState({ error: error.message, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [query, key]);
  return state;
}
