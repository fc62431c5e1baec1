import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import type { Role } from '../../src/auth/roles.js';
import { signedInPage } from '../support/dashboard-browser.js';
import { SCREENSHOTS, startDashboardApp, type DashboardApp } from '../support/dashboard-app.js';
import type { TestApp } from '../support/test-app.js';

const VILLA_UNION = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a01';

type Rect = { x: number; y: number; width: number; height: number; top: number };
/** What these tests read of an element in the page (the test code is compiled without the DOM's types). */
type TextBox = {
  textContent: string | null;
  getBoundingClientRect(): Rect;
  ownerDocument: { elementFromPoint(x: number, y: number): unknown; createRange(): { selectNodeContents(node: unknown): void; getClientRects(): Iterable<Rect> } };
};

/** Issue 18: an outside tester's findings on the dashboard, each as the class it stands for, in real Chromium. */
describe('dashboard at /app: roles, bad paths and filters, long text, paging', () => {
  let dashboard: DashboardApp | undefined;
  let t: TestApp;
  let browser: Browser;
  let url: string;
  const token = (...roles: Role[]) => t.bearer(roles).replace(/^Bearer /, '');

  beforeAll(async () => {
    dashboard = await startDashboardApp();
    ({ t, url, browser } = dashboard);
  }, 120_000);
  afterAll(() => dashboard?.close());

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const alerts = (page: Page) => page.getByRole('alert');

  it('describes every slider step for an analyst-only token (the timeline path, without asking for the history it may not read), in the slider and its aria-valuetext; the title names the incident', async () => {
    const { page, problems } = await signedInPage(browser, url, token('analyst'));
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).click();
    const slider = page.getByRole('slider');
    await slider.focus();
    await slider.press('Home');
    const last = Number(await slider.getAttribute('max'));
    expect(last).toBeGreaterThan(2);
    const described: string[] = [];
    for (let step = 0; step <= last; step++) {
      await page.locator(`[data-shown-step="${step}"]`).waitFor();
      described.push((await slider.getAttribute('aria-valuetext'))!, (await page.locator('.what-changed > p > strong').textContent())!);
      await slider.press('ArrowRight');
    }
    expect(described.filter((line) => /undefined|NaN/.test(line))).toEqual([]);
    expect(described).toContainEqual(expect.stringContaining('3 unknown killed'));
    expect(await page.title()).toBe('Attack on Villa Unión — Incident Ledger');
    await shot(page, 'analyst-only-slider');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it.each([`/app/incidents/%E0%A4%A`, '/app/nothing-here', '/app/incidents/a/b'])('shows the not-found view with a link to the list for %s', async (path) => {
    const { page, problems } = await signedInPage(browser, url, token('analyst'));
    await page.goto(`${url}${path}`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.title()).toBe('Not found — Incident Ledger');
    await page.getByRole('link', { name: 'All incidents' }).click();
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['an id that is no UUID', 'not-a-uuid'],
    ['an id of no incident', '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69'],
  ])('shows the not-found view for an incident page of %s, with a link to the list', async (_what, id) => {
    const { page, problems } = await signedInPage(browser, url, token('analyst'));
    await page.goto(`${url}/app/incidents/${id}`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByText('There is no incident with this id.').waitFor();
    expect(await page.title()).toBe('Not found — Incident Ledger');
    await page.getByRole('link', { name: 'All incidents' }).click();
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('names the sign-in view in the tab, and drops an empty #token= from the address bar', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/app#token=`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in — Incident Ledger');
    expect(new URL(page.url()).hash).toBe('');
    await context.close();
  });

  it.each([
    ['a sign-in link', () => token('reporter'), 'No access'],
    ['an empty #token=', () => '', 'Incidents'],
  ])('takes %s pasted into a tab already open at /app out of the address bar', async (_what, fragmentToken, heading) => {
    const { page } = await signedInPage(browser, url, token('analyst'));
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    await page.evaluate(`location.hash = 'token=${fragmentToken()}'`);
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await page.waitForFunction("location.hash === ''");
    await page.context().close();
  });

  it('gives a token that may not read one "no access" page naming the roles needed, without the list panels', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${url}/app#token=${token('reporter')}`);
    await page.getByRole('heading', { name: 'No access' }).waitFor();
    expect(await alerts(page).allTextContents()).toEqual([expect.stringMatching(/analyst, auditor or admin role\.$/)]);
    expect(await page.locator('table.incidents').count()).toBe(0);
    await shot(page, 'no-access');
    await context.close();
  });

  it.each([
    ['Country (ISO code)', '<x>', 'country'],
    ['From', '0001-01-01', 'occurredFrom'],
  ])('refuses a bad %s with one alert naming the field, and clears the rows shown before', async (field, value, name) => {
    const { page, problems } = await signedInPage(browser, url, token('analyst'));
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    await page.getByLabel(field).fill(value);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await alerts(page).first().waitFor();
    await page.getByRole('heading', { name: '0 incidents', exact: true }).waitFor();
    const shown = await alerts(page).allTextContents();
    expect(shown).toEqual([expect.stringContaining(name)]);
    expect(await page.locator('table.incidents tbody tr').count()).toBe(0);
    await shot(page, `bad-filter-${name}`);
    // The refused request is logged by the browser as a failed resource (400); nothing else went wrong.
    expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
    await page.context().close();
  });

  it('holds the filters back while To is before From (a window the API refuses), leaving the list as it was', async () => {
    const { page, problems } = await signedInPage(browser, url, token('analyst'));
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    await page.getByLabel('From').fill('2019-12-01');
    await page.getByLabel('To', { exact: true }).fill('2019-11-30');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.getByLabel('To', { exact: true }).evaluate((input: { validity: { rangeUnderflow: boolean } }) => input.validity.rangeUnderflow)).toBe(true);
    expect(await alerts(page).count()).toBe(0);
    await page.getByRole('link', { name: 'Attack on Villa Unión' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('follows nextCursor: past one page, "Load more" lists the rest', async () => {
    const { page, problems } = await signedInPage(browser, url, token('analyst'));
    // Pages of 2 instead of 500, so that the demo's 3 incidents span two pages.
    await page.route('**/graphql', (route) => route.continue({ postData: route.request().postData()!.replace('"first":500', '"first":2') }));
    await page.reload();
    await page.getByRole('heading', { name: '2 incidents shown, more match', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Load 500 more' }).click();
    await page.getByRole('heading', { name: '3 incidents', exact: true }).waitFor();
    expect(await page.locator('table.incidents tbody tr').count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Load 500 more' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it.each([1280, 390])('wraps a 300-character unbroken title at %i px: nothing wider than the screen', async (width) => {
    const title = 'X'.repeat(300);
    const opened = await t.http
      .post('/incidents')
      .set('Authorization', t.bearer('reporter'))
      .send({ title, category: 'battle', occurredAt: '2019-12-05', datePrecision: 'week', location: { country: 'MX', admin1: 'Tamaulipas' } })
      .expect(201);
    await t.http.get(`/incidents/${opened.body.incidentId}?consistentWith=${opened.body.position}`).set('Authorization', t.bearer('analyst')).expect(200);
    const { page, problems } = await signedInPage(browser, url, token('analyst'), { width, height: 800 });
    await page.getByRole('link', { name: title }).first().waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    // The long word wraps; the dates and figures beside it break only between their words.
    for (const cell of await page.locator('table.incidents td.when, table.incidents td.number, table.incidents th.number').all()) {
      const { lines, words } = await cell.evaluate((element: TextBox) => {
        const range = element.ownerDocument.createRange();
        range.selectNodeContents(element);
        return { lines: new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size, words: element.textContent!.trim().split(/\s+/).length };
      });
      expect(lines).toBeLessThanOrEqual(words);
    }
    await page.goto(`${url}/app/incidents/${opened.body.incidentId}`);
    await page.getByRole('heading', { name: title }).waitFor();
    // A week is shown as the Monday of its ISO week (5 Dec 2019 is a Thursday).
    await page.getByText('week of 2 Dec 2019').waitFor();
    await shot(page, `long-title-${width}`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('reads the as-of tallies of a long history at most 4 requests at a time, each chunk of steps once; Home shows the first step as known then', async () => {
    const reporter = t.bearer('reporter');
    const opened = await t.http
      .post('/incidents')
      .set('Authorization', reporter)
      .send({ title: 'Raids in Reynosa', category: 'battle', occurredAt: '2019-12-05', datePrecision: 'day', location: { country: 'MX', admin1: 'Tamaulipas' } })
      .expect(201);
    const arrests = 150;
    let position = opened.body.position as string;
    for (let n = 0; n < arrests; n++) {
      const recorded = await t.http
        .post(`/incidents/${opened.body.incidentId}/arrests`)
        .set('Authorization', reporter)
        .send({ occurredAt: '2019-12-05', source: { name: 'Tamaulipas state police', kind: 'government' }, count: 1 })
        .expect(201);
      position = recorded.body.position;
    }
    await t.http.get(`/incidents/${opened.body.incidentId}?consistentWith=${position}`).set('Authorization', t.bearer('analyst')).expect(200);
    const { page, problems } = await signedInPage(browser, url, token('analyst', 'auditor'));
    let inFlight = 0;
    let mostInFlight = 0;
    const asOfRequests: string[] = [];
    const isAsOf = (body: string | null) => body?.includes('TalliesAsOf') === true;
    page.on('request', (request) => {
      if (!isAsOf(request.postData())) return;
      asOfRequests.push(request.postData()!);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
    });
    const finished = (request: Request) => isAsOf(request.postData()) && inFlight--;
    page.on('requestfinished', finished);
    page.on('requestfailed', finished);
    await page.goto(`${url}/app/incidents/${opened.body.incidentId}`);
    const slider = page.getByRole('slider');
    await slider.waitFor();
    expect(await slider.getAttribute('max')).toBe(String(arrests));
    await slider.focus();
    await slider.press('Home');
    await page.locator('[data-shown-step="0"]').waitFor();
    const arrestsShown = page.locator('dt:has-text("Arrests") + dd');
    expect(await arrestsShown.textContent()).toBe('0');
    await slider.press('ArrowRight');
    await page.locator('[data-shown-step="1"]').waitFor();
    expect(await arrestsShown.textContent()).toBe('1');
    // Every chunk of 16 steps read once, never more than 4 at a time.
    while (asOfRequests.length < Math.ceil((arrests + 1) / 16) || inFlight > 0) await page.waitForTimeout(50);
    expect(asOfRequests).toHaveLength(Math.ceil((arrests + 1) / 16));
    expect(mostInFlight).toBeLessThanOrEqual(4);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows a title as text in the map tooltip, and draws every incident circle above the state shapes', async () => {
    const title = '<img src=x id=injected><a href="https://evil.example/" id=phish>Sign in again</a><style>body{background:red}</style>Hermosillo raid';
    const opened = await t.http
      .post('/incidents')
      .set('Authorization', t.bearer('reporter'))
      .send({ title, category: 'battle', occurredAt: '2019-12-06', location: { country: 'MX', admin1: 'Sonora', lat: 29.07, lon: -110.95 } })
      .expect(201);
    await t.http.get(`/incidents/${opened.body.incidentId}?consistentWith=${opened.body.position}`).set('Authorization', t.bearer('analyst')).expect(200);
    const { page, problems } = await signedInPage(browser, url, token('analyst'));
    await page.locator('path.admin1[data-admin1="Sonora"]').waitFor();
    const circles = page.locator('.leaflet-overlay-pane path.leaflet-interactive');
    expect(await circles.count()).toBeGreaterThan(1);
    const tooltips: string[] = [];
    for (const circle of await circles.all()) {
      // The point a pointer at the circle's centre reaches is the circle itself, not the state under it.
      const reached = await circle.evaluate((element: TextBox) => {
        const { x, y, width, height } = element.getBoundingClientRect();
        return element.ownerDocument.elementFromPoint(x + width / 2, y + height / 2) === element;
      });
      expect(reached).toBe(true);
      await circle.hover();
      tooltips.push((await page.locator('.leaflet-tooltip:not(.admin1-tooltip)').last().textContent())!);
    }
    expect(tooltips).toContain(title);
    expect(await page.locator('#injected, #phish').count()).toBe(0);
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).not.toBe('rgb(255, 0, 0)');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('asks for no /favicon.ico (the page names its icon)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${url}/app/incidents/${VILLA_UNION}#token=${token('analyst')}`);
    await page.getByRole('heading', { name: 'Attack on Villa Unión' }).waitFor();
    expect(asked).not.toContain('/favicon.ico');
    await context.close();
  });
});
