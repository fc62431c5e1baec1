import { useEffect, useState } from 'react';

/** Pages of the single-page app under /app (the server answers index.html for any of them). */
export type Route = { page: 'list' } | { page: 'incident'; id: string } | { page: 'not-found' };

export const BASE = '/app';

/** `/app` and `/app/` are the list, `/app/incidents/<id>` an incident; any other path (also a malformed `%` escape) is not found. */
export function routeOf(pathname: string): Route {
  if (/^\/app\/?$/.test(pathname)) return { page: 'list' };
  const incident = /^\/app\/incidents\/([^/]+)\/?$/.exec(pathname);
  try {
    return incident ? { page: 'incident', id: decodeURIComponent(incident[1]!) } : { page: 'not-found' };
  } catch {
    return { page: 'not-found' };
  }
}

export const incidentPath = (id: string): string => `${BASE}/incidents/${encodeURIComponent(id)}`;

export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** A plain left click on an in-app link navigates without a reload; other clicks keep the browser's meaning. */
export function onLinkClick(event: React.MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname + event.currentTarget.search);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.pathname));
  useEffect(() => {
    const update = () => setRoute(routeOf(location.pathname));
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}
