import { useEffect, useState } from 'react';
import { INCIDENT_CHANGES_SUBSCRIPTION } from '../api/documents';
import type { Features } from '../api/features';
import { subscribe } from '../api/live';
import { type QueryState, useQuery } from './use-query';

export interface ChangeFeed {
  /** Changes pushed since the page opened, and when the last one arrived (ISO time). */
  updates: number;
  at?: string;
}

/** The live incident list's signal: the change feed over graphql-ws (`incidentChanges`), counted. */
export function useChangeFeed(features: Features): ChangeFeed {
  const [live, setLive] = useState<ChangeFeed>({ updates: 0 });
  useEffect(() => {
    if (!features.changeFeed) return;
    return subscribe(INCIDENT_CHANGES_SUBSCRIPTION, {}, () => setLive(({ updates }) => ({ updates: updates + 1, at: new Date().toISOString() })));
  }, [features.changeFeed]);
  return live;
}

/**
 * `useQuery`, read again after changes (`updates` of `useChangeFeed`): once per burst — changes
 * pushed during a read wait for it to finish and then make one more — so the answer never stays
 * behind the feed and a burst of commits does not send one read per commit.
 */
export function useLiveQuery<T>(query: string, variables: Record<string, unknown>, updates: number): QueryState<T> {
  const [version, setVersion] = useState(updates);
  const state = useQuery<T>(query, variables, version);
  if (!state.loading && version !== updates) setVersion(updates);
  return state;
}
