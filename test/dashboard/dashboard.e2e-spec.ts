import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PHONE, signedInPage, stepSliderTo } from '../support/dashboard-browser.js';
import { SCREENSHOTS, startDashboardApp, type DashboardApp } from '../support/dashboard-app.js';
import type { TestApp } from '../support/test-app.js';

const VILLA_UNION = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a01';
const CULIACAN = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a03';

/** docs/dashboard.md in real Chromium: the built dashboard (dist/web) served by the app, on the demo data. */
describe('dashboard at /app (docs/dashboard.md)', () => {
  let dashboard: DashboardApp | undefined;
  let t: TestApp;
  let browser: Browser;
  let url: string;
  let token: string;

  beforeAll(async () => {
    dashboard = await startDashboardApp();
    ({ t, url, browser } = dashboard);
    token = t.bearer(['analyst', 'auditor']).replace(/^Bearer /, '');
  }, 120_000);
  afterAll(() => dashboard?.close());

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const killedBest = (page: Page) => page.getByTestId('killed-best');

  it('serves index.html for every page under /app, with its Content-Security-Policy', async () => {
    const page = await t.http.get(`/app/incidents/${VILLA_UNION}`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.text).toContain('<div id="root"></div>');
    await t.http.get('/app/assets/missing.js').expect(404);
  });

  it('signs in with a pasted token; a token the API refuses goes back to sign-in with a message', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${url}/app`);
    await page.getByLabel('Bearer token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please sign in again' }).waitFor();
    expect(await page.getByLabel('Bearer token').isVisible()).toBe(true);
    await shot(page, 'sign-in-refused');
    await page.getByLabel('Bearer token').fill(`Bearer ${token}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    await context.close();
  });

  it('signs in from the token link, keeping the token in session storage and out of the address bar', async () => {
    const { page, problems } = await signedInPage(browser, url, token);
    expect(page.url()).toBe(`${url}/app/`);
    expect(await page.evaluate("sessionStorage.getItem('incident-ledger.token')")).toBe(token);
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    expect(await page.locator('table.incidents tbody tr').count()).toBe(3);
    await page.locator('.leaflet-interactive').first().waitFor();
    await shot(page, 'list');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  describe('Villa Unión', () => {
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      const registered = await t.http
        .post('/sources')
        .set('Authorization', t.bearer('reporter'))
        .send({ name: 'Coahuila state government', aliases: [], kind: 'government', scale: 'regional', reliability: 'B' })
        .expect(201);
      await t.http.get(`/sources?consistentWith=${registered.body.position}`).set('Authorization', t.bearer('analyst')).expect(200);
      ({ page, problems } = await signedInPage(browser, url, token));
      await page.getByRole('link', { name: 'Attack on Villa Unión' }).click();
      await page.getByRole('heading', { name: 'Attack on Villa Unión' }).waitFor();
    });
    afterAll(() => page.context().close());

    it('shows best 23 killed, with a low/best/high bar per party and the per-source figures', async () => {
      await expect(killedBest(page).textContent()).resolves.toBe('23');
      const killed = page.locator('[data-outcome="killed"] li.party');
      expect(await killed.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-party')))).toEqual(['ARMED_GROUP', 'POLICE', 'CIVILIAN', 'UNKNOWN']);
      expect(await killed.locator('.bar-track').first().getAttribute('aria-label')).toBe('armed group: best 14, low 14, high 14');
      await page.locator('[data-outcome="killed"] [data-party="ARMED_GROUP"] summary').click();
      await page.getByText('Coahuila state government: 14').waitFor();
      await expect(page.getByTestId('injured-best').textContent()).resolves.toBe('6');
      expect(await page.locator('.timeline li').count()).toBe(12);
      // Dates to their precision: the note is exact (with the offset the API returns), the records are days.
      const dates = await page.locator('.timeline time').allTextContents();
      expect(dates.filter((date) => /^30 Nov 2019, (12:00 \(−06:00\)|18:00 \(UTC\))$/.test(date))).toHaveLength(1);
      expect(dates.filter((date) => date === '1 Dec 2019')).toHaveLength(8);
      await shot(page, 'villa-union');
    });

    it('steps the as-of slider by keyboard to before the cumulative statement: the figures of then and what that step changed', async () => {
      await page.getByRole('slider').focus();
      const step = await stepSliderTo(page, 'unknown killed: +3');
      await page.locator(`[data-shown-step="${step}"]`).waitFor();
      await expect(killedBest(page).textContent()).resolves.toBe('17');
      await page.getByText('killed, unknown: 0 → 3').waitFor();
      await shot(page, 'villa-union-as-of');
      await page.getByRole('slider').press('ArrowRight');
      await page.locator(`[data-shown-step="${step + 1}"]`).waitFor();
      await expect(killedBest(page).textContent()).resolves.toBe('17');
      await page.getByText('armed group killed: 14 in total — \u2068Coahuila state government\u2069').waitFor();
      await page.getByRole('slider').press('End');
      await page.getByRole('heading', { name: 'Tally now' }).waitFor();
      await expect(killedBest(page).textContent()).resolves.toBe('23');
    });

    it('shows a casualty recorded through the API live, without a reload', async () => {
      await page.evaluate('window.notReloaded = true');
      const steps = Number(await page.getByRole('slider').getAttribute('max')) + 1;
      await t.http
        .post(`/incidents/${VILLA_UNION}/casualties`)
        .set('Authorization', t.bearer('reporter'))
        .send({ party: 'police', outcome: 'killed', count: 1, basis: 'incremental', occurredAt: '2019-12-02', datePrecision: 'day', source: { name: 'Coahuila state government', kind: 'government' } })
        .expect(201);
      await page.getByTestId('live-badge').filter({ hasText: '1 update' }).waitFor();
      await page.getByTestId('killed-best').filter({ hasText: '24' }).waitFor();
      await page.getByText(`History: change ${steps + 1} of ${steps + 1}`).waitFor();
      expect(await page.evaluate('window.notReloaded')).toBe(true);
      await shot(page, 'villa-union-live');
    });

    it('switches the best-figure policy: a later, lower source is best under LATEST, the more reliable one under MOST_RELIABLE, the lowest under CONSERVATIVE', async () => {
      // Coahuila state government (reliability B, registered before the page opened) said 5 police killed; an unrated source later says 2.
      const written = await t.http
        .post(`/incidents/${VILLA_UNION}/casualties`)
        .set('Authorization', t.bearer('reporter'))
        .send({ party: 'police', outcome: 'killed', count: 2, basis: 'cumulative', occurredAt: '2019-12-02', datePrecision: 'day', source: { name: 'Milenio', kind: 'media' } })
        .expect(201);
      await t.http.get(`/incidents/${VILLA_UNION}?consistentWith=${written.body.position}`).set('Authorization', t.bearer('analyst')).expect(200);
      const police = (best: number) => page.locator(`[data-outcome="killed"] [data-party="POLICE"] .bar-track[aria-label="police: best ${best}, low 2, high 5"]`);
      await police(2).waitFor();
      await killedBest(page).filter({ hasText: /^21$/ }).waitFor();
      await page.getByLabel('Best figure').selectOption('MOST_RELIABLE');
      await police(5).waitFor();
      await killedBest(page).filter({ hasText: /^24$/ }).waitFor();
      await page.locator('[data-outcome="killed"] [data-party="POLICE"] summary').click();
      await page.getByText('Coahuila state government: 5 · reliability B · best').waitFor();
      await shot(page, 'villa-union-most-reliable');
      await page.getByLabel('Best figure').selectOption('CONSERVATIVE');
      await police(2).waitFor();
      await killedBest(page).filter({ hasText: /^21$/ }).waitFor();
    });

    it('raised no page or console errors (a CSP violation is one)', () => {
      expect(problems).toEqual([]);
    });
  });

  it('marks corrected and retracted timeline entries, and the slider shows what a correction changed', async () => {
    const reporter = t.bearer('reporter');
    const source = { name: 'Federal security cabinet', kind: 'government' };
    const [corrected, retracted] = [randomUUID(), randomUUID()];
    const record = (recordId: string, outcome: string, count: number) =>
      t.http
        .post(`/incidents/${CULIACAN}/casualties`)
        .set('Authorization', reporter)
        .send({ recordId, party: 'military', outcome, count, basis: 'cumulative', occurredAt: '2019-10-17', datePrecision: 'day', source })
        .expect(201);
    await record(corrected, 'killed', 8);
    await record(retracted, 'injured', 16);
    await t.http.post(`/incidents/${CULIACAN}/records/${corrected}/correction`).set('Authorization', reporter).send({ count: 9, reason: 'One more soldier died' }).expect(201);
    const last = await t.http.post(`/incidents/${CULIACAN}/records/${retracted}/retraction`).set('Authorization', reporter).send({ reason: 'Double count' }).expect(201);
    await t.http.get(`/incidents/${CULIACAN}?consistentWith=${last.body.position}`).set('Authorization', t.bearer('analyst')).expect(200);
    const { page, problems } = await signedInPage(browser, url, token);
    await page.goto(`${url}/app/incidents/${CULIACAN}`);
    await page.getByRole('heading', { name: 'Culiacán clashes after the arrest of Ovidio Guzmán' }).waitFor();
    await page.locator('.timeline li').filter({ hasText: 'corrected' }).filter({ hasText: 'military killed' }).waitFor();
    expect(await page.locator('.timeline li.retracted').allTextContents()).toEqual([expect.stringContaining('military injured')]);
    await page.getByRole('slider').focus();
    await stepSliderTo(page, 'Record corrected to 9');
    await page.getByText('killed, military: 8 → 9').waitFor();
    await shot(page, 'culiacan-corrected');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('filters the list by admin1 and by category', async () => {
    const { page, problems } = await signedInPage(browser, url, token);
    const rows = page.locator('table.incidents tbody tr');
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    await page.getByLabel('State / admin1').fill('Sonora');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: '1 incident', exact: true }).waitFor();
    expect(await rows.locator('a').allTextContents()).toEqual(['Ambush of US citizens in northern Mexico']);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('heading', { name: '3 incidents', exact: true }).waitFor();
    await page.getByLabel('Category').selectOption('VIOLENCE_AGAINST_CIVILIANS');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: '1 incident', exact: true }).waitFor();
    expect(await rows.locator('a').allTextContents()).toEqual(['Ambush of US citizens in northern Mexico']);
    await shot(page, 'list-filtered');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('draws the Mexican states (Natural Earth admin-1) on the map; clicking one lists its incidents, and the admin1 field suggests their names', async () => {
    const { page, problems } = await signedInPage(browser, url, token);
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    await page.locator('path.admin1[data-admin1="Coahuila"]').waitFor();
    expect(await page.locator('path.admin1[data-admin1]').count()).toBe(32);
    await page.locator('path.admin1[data-admin1="Coahuila"]').dispatchEvent('click');
    await page.getByRole('heading', { name: '1 incident', exact: true }).waitFor();
    expect(await page.locator('table.incidents tbody tr a').allTextContents()).toEqual(['Attack on Villa Unión']);
    expect(await page.getByLabel('State / admin1').inputValue()).toBe('Coahuila');
    expect(await page.getByLabel('Country (ISO code)').inputValue()).toBe('MX');
    // The admin1 field suggests the country's state names, for choosing by keyboard.
    await page.locator('#admin1-names option[value="Sonora"]').waitFor({ state: 'attached' });
    expect(await page.locator('#admin1-names option').count()).toBe(32);
    await shot(page, 'list-admin1');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('is usable by keyboard: labelled controls in reading order, each with a visible focus ring', async () => {
    const { page, problems } = await signedInPage(browser, url, token);
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    // Tab goes through a date input's fields (day, month, year, picker), which Chromium highlights itself: counted once.
    const controls = ['Incident Ledger', 'Sign out', 'Country (ISO code)', 'State / admin1', 'From', 'To', 'Category', 'Status', 'Actor id', 'Apply filters', 'Clear'];
    const focused: string[] = [];
    while (focused.length < controls.length) {
      await page.keyboard.press('Tab');
      const now = (await page.evaluate(`(() => {
        const element = document.activeElement;
        const label = (element.labels?.[0]?.textContent ?? element.textContent).trim();
        return element.type !== 'date' && getComputedStyle(element).outlineStyle === 'none' ? 'no focus ring: ' + label : label;
      })()`)) as string;
      if (focused.at(-1) !== now) focused.push(now);
    }
    expect(focused).toEqual(controls);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Attack on Villa Unión');
    await page.keyboard.press('Enter');
    await page.getByTestId('killed-best').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('goes back to sign-in, saying why, when the API refuses the token during a session', async () => {
    const { page } = await signedInPage(browser, url, token);
    await page.evaluate("sessionStorage.setItem('incident-ledger.token', 'expired-or-revoked')");
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please sign in again' }).waitFor();
    expect(await page.getByLabel('Bearer token').isVisible()).toBe(true);
    await page.context().close();
  });

  it.each([PHONE.width, 390])('is readable at a phone width of %i px: nothing wider than the screen', async (width) => {
    const { page, problems } = await signedInPage(browser, url, token, { ...PHONE, width });
    await page.locator('table.incidents tbody tr').first().waitFor();
    await page.locator('path.admin1').first().waitFor();
    await shot(page, `phone-${width}-list`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).click();
    await page.getByTestId('killed-best').waitFor();
    await page.getByRole('slider').waitFor();
    await shot(page, `phone-${width}-villa-union`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps the list live over graphql-ws: an incident opened and a casualty recorded through the API show without a reload', async () => {
    const { page, problems } = await signedInPage(browser, url, token);
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    await page.evaluate('window.notReloaded = true');
    const reporter = t.bearer('reporter');
    const location = { country: 'MX', admin1: 'Tamaulipas', admin2: 'Nuevo Laredo', lat: 27.48, lon: -99.51 };
    const opened = await t.http.post('/incidents').set('Authorization', reporter).send({ title: 'Clash in Nuevo Laredo', category: 'battle', occurredAt: '2019-12-05', datePrecision: 'day', location }).expect(201);
    const row = page.locator('table.incidents tbody tr').filter({ hasText: 'Clash in Nuevo Laredo' });
    await row.waitFor();
    await page.getByRole('heading', { name: '4 incidents', exact: true }).waitFor();
    await t.http
      .post(`/incidents/${opened.body.incidentId}/casualties`)
      .set('Authorization', reporter)
      .send({ party: 'armed_group', outcome: 'killed', count: 5, basis: 'incremental', occurredAt: '2019-12-05', datePrecision: 'day', source: { name: 'Milenio', kind: 'media' } })
      .expect(201);
    await row.locator('td.number').filter({ hasText: /^5$/ }).waitFor();
    await page.getByTestId('live-badge').filter({ hasText: 'update' }).waitFor();
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    await shot(page, 'list-live');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
