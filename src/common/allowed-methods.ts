import type { Request } from 'express';

/** A layer of Express's router: a route's, with the methods it answers, or a middleware's (no `route`). */
type RouterLayer = { readonly route?: { readonly methods: Readonly<Record<string, boolean>> }; match(path: string): boolean };

/**
 * The methods the app routes a request's path for when the request itself matched no route (Express
 * leaves `request.route` unset, and Nest answers 404): what RFC 9110 §15.5.6 has a 405 list in `Allow`.
 * Empty when no route has the path (a plain 404) or the request matched one. HEAD goes with GET, as
 * Express answers it.
 */
export function allowedMethods(request: Request): string[] {
  if (request.route !== undefined) return [];
  const { stack } = (request.app as unknown as { router: { stack: readonly RouterLayer[] } }).router;
  const methods = new Set<string>();
  for (const layer of stack) {
    if (layer.route === undefined || !layer.match(request.path)) continue;
    for (const method of Object.keys(layer.route.methods)) if (method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
