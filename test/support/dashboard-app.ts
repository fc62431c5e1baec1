import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { recordDemo } from '../exports/export-client.js';
import { built, ROOT } from './built-app.js';
import { launchChromium } from './dashboard-browser.js';
import { startTestApp, type TestApp } from './test-app.js';
import { createTestDatabase } from './test-database.js';

/** Where the dashboard tests save their screenshots. */
export const SCREENSHOTS = join(ROOT, 'test-output', 'dashboard');

export interface DashboardApp {
  t: TestApp;
  /** The app's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The built dashboard served by the app on embedded PostgreSQL with the demo data read into its read models, and a Chromium. */
export async function startDashboardApp(): Promise<DashboardApp> {
  built('dist/web/index.html');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const db = await createTestDatabase();
  const t = await startTestApp(db.url);
  await t.app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const positions = await recordDemo(t);
  await t.http.get(`/incidents?consistentWith=${positions.at(-1)}`).set('Authorization', t.bearer('analyst')).expect(200);
  const browser = await launchChromium();
  return {
    t,
    url,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
      await db.drop();
    },
  };
}
