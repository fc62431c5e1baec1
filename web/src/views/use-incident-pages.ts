import { useMemo, useState } from 'react';
import { graphql } from '../api/client';
import type { IncidentSummary } from '../api/types';
import { useLiveQuery } from './use-change-feed';

/** Incidents per request: the API's largest page (`first`). */
export const PAGE_SIZE = 500;

const NONE: IncidentSummary[] = [];

interface Page {
  incidents: { items: IncidentSummary[]; nextCursor: string | null };
}

export interface IncidentPages {
  items: IncidentSummary[];
  /** More incidents match than `items` holds (the API gave a `nextCursor`). */
  more: boolean;
  loading: boolean;
  error?: string;
  /** Reads the next page and appends it. */
  loadMore(): void;
}

/**
 * The incident list in pages of `PAGE_SIZE`, following `nextCursor`: the first page is read live
 * (again after each change of `updates`), the later ones on `loadMore`. A new first page (another
 * filter, a live re-read) starts again from it, dropping the later pages read for the old one.
 */
export function useIncidentPages(query: string, filter: Record<string, string>, updates: number): IncidentPages {
  const first = useLiveQuery<Page>(query, { filter, first: PAGE_SIZE }, updates);
  const head = first.data?.incidents;
  const [later, setLater] = useState<{ head?: Page['incidents']; items: IncidentSummary[]; nextCursor?: string | null; loading?: boolean; error?: string }>({ items: [] });
  const tail = later.head === head ? later : { head, items: NONE, nextCursor: head?.nextCursor };
  const loadMore = () => {
    if (!tail.nextCursor || tail.loading) return;
    setLater({ ...tail, loading: true });
    graphql<Page>(query, { filter, first: PAGE_SIZE, after: tail.nextCursor }).then(
      ({ incidents }) => setLater((shown) => (shown.head === head ? { head, items: [...tail.items, ...incidents.items], nextCursor: incidents.nextCursor } : shown)),
      (error: Error) => setLater((shown) => (shown.head === head ? { ...tail, error: error.message } : shown)),
    );
  };
  const items = useMemo(() => [...(head?.items ?? NONE), ...tail.items], [head, tail.items]);
  return {
    items,
    more: Boolean(tail.nextCursor),
    loading: first.loading || Boolean(tail.loading),
    error: first.error ?? tail.error,
    loadMore,
  };
}
