import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium (`.ci/run` installs it); playwright-core downloads no browser of its own. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium; `--no-sandbox` because tests and CI run as root. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

export interface Viewport {
  width: number;
  height: number;
}

export const DESKTOP: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 375, height: 800 };

/**
 * A fresh browser context (own session storage) at `viewport`, en-GB, signed in by opening the link
 * `incident-ledger token --url` prints; resolves once the incident list is shown. Page errors and
 * console errors (a CSP violation is one) are collected in `problems`.
 */
export async function signedInPage(browser: Browser, baseUrl: string, token: string, viewport: Viewport = DESKTOP): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  await page.goto(`${baseUrl}/app#token=${token}`);
  await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
  return { page, problems };
}

/** Moves the focused as-of slider with `key` until its step's description contains `text`. */
export async function stepSliderTo(page: Page, text: string, key = 'ArrowLeft', limit = 1_000): Promise<number> {
  const slider = page.getByRole('slider');
  for (let step = 0; step < limit; step++) {
    if ((await slider.getAttribute('aria-valuetext'))?.includes(text)) return Number(await slider.inputValue());
    await slider.press(key);
  }
  throw new Error(`no slider step describes "${text}"`);
}
