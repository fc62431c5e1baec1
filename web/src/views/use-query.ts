import { useEffect, useState } from 'react';
import { graphql, SignInRequired } from '../api/client';

export interface QueryState<T> {
  /** The last answer (kept while a new one loads; dropped when the new one fails). */
  data?: T;
  error?: string;
  loading: boolean;
}

/** Runs `query` whenever it, `variables` (compared as JSON) or `version` (a re-read) change; a stale answer is dropped. */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, version = 0): QueryState<T> {
  const key = JSON.stringify([query, variables, version]);
  const [state, setState] = useState<{ key?: string; data?: T; error?: string }>({});
  useEffect(() => {
    let current = true;
    const [text, values] = JSON.parse(key) as [string, Record<string, unknown>];
    graphql<T>(text, values).then(
      (data) => current && setState({ key, data }),
      (error: Error) => current && !(error instanceof SignInRequired) && setState({ key, error: error.message }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return { data: state.data, error: state.error, loading: state.key !== key };
}
