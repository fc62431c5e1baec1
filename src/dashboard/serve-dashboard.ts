import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the dashboard is served (docs/dashboard.md). */
export const DASHBOARD_PATH = '/app';

/**
 * What the dashboard may load: only its own files, from this origin; it talks to `/graphql` over
 * HTTP and graphql-ws (`'self'` covers ws: on the same host and port). Leaflet and uPlot set element
 * styles from script (through the CSSOM, which `style-src` does not govern), so no inline style is
 * allowed: markup that slipped into the page could not restyle it. Forms submit only to the
 * dashboard itself; images are its own or `data:` URLs.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `dist/web` of the package this module belongs to (from `src/` under ts-jest, or from `dist/src/` once built). */
export function dashboardDirectory(from = dirname(fileURLToPath(import.meta.url))): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${from}`);
    directory = parent;
  }
  return join(directory, 'dist', 'web');
}

/**
 * Serves the built dashboard (`npm run build` writes it to `dist/web`) at `/app` with its CSP; any
 * other GET under `/app/` is a page of the single-page app and gets its `index.html`. Before a build
 * the paths are left to the API, which answers 404.
 */
export function serveDashboard(app: NestExpressApplication, directory = dashboardDirectory()): void {
  const index = join(directory, 'index.html');
  if (!existsSync(index)) return;
  // Hashed asset names never change content; index.html is revalidated so a new build is picked up.
  app.useStaticAssets(directory, {
    prefix: DASHBOARD_PATH,
    index: false,
    immutable: true,
    maxAge: '1y',
    setHeaders: (response) => response.setHeader('Content-Security-Policy', DASHBOARD_CSP),
  });
  app.use(DASHBOARD_PATH, (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path.startsWith('/assets/')) return next();
    response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
