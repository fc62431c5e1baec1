/**
 * `npm run bench:dashboard`: how long one step of the dashboard's as-of slider takes (arrow key
 * pressed → the figures of that step rendered), in Debian's Chromium driven by playwright-core,
 * against the whole app on a fresh embedded PostgreSQL holding BENCH_EVENTS events (default
 * 200,000, the `incident-workload.ts` mix, each incident's history appended at once) plus the worked example's
 * demo. For Villa Unión and for the workload incident with the longest history, BENCH_PASSES times
 * (default 5) each: a fresh page (nothing read yet), the slider walked from the newest change to the
 * first, every step timed in the page (see `stepTo`). The page reads every step's tally before it
 * offers the slider, so the time from opening the page to a usable slider is reported too.
 * Target (docs/dashboard.md): p95 ≤ 200 ms.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActorCommandHandler } from '../src/actors/application/actor-command-handler.js';
import { createApp } from '../src/app.factory.js';
import { TokenService } from '../src/auth/token.service.js';
import { loadConfig } from '../src/config/config.js';
import { startRuntime } from '../src/config/runtime.js';
import { sealEvents, storedData } from '../src/event-store/envelope.js';
import { EventStore } from '../src/event-store/event-store.port.js';
import { incidentStream } from '../src/event-store/stream-names.js';
import { IncidentCommandHandler } from '../src/incidents/application/incident-command-handler.js';
import { schemaVersionOf } from '../src/incidents/stored-events/incident-events.js';
import { recordDemo } from '../src/incidents/demo/record-demo.js';
import type { IncidentEvent } from '../src/incidents/domain/events.js';
import { launchChromium, signedInPage } from '../test/support/dashboard-browser.js';
import { incidentWorkload } from './incident-workload.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const WRITERS = 8;
const VILLA_UNION = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a01';

/** Appends the workload, each incident's history in one sealed (hash-chained) append, WRITERS appends at a time; returns the longest incident. */
async function load(store: EventStore): Promise<string> {
  const started = performance.now();
  const histories = new Map<string, IncidentEvent[]>();
  for (let writer = 0; writer < WRITERS; writer++) {
    for (const { incidentId, events } of incidentWorkload({ events: EVENTS / WRITERS, seed: writer + 1 })) histories.set(incidentId, [...(histories.get(incidentId) ?? []), ...events]);
  }
  const queue = [...histories];
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let next = queue.pop(); next; next = queue.pop()) {
        const [incidentId, events] = next;
        const commandId = crypto.randomUUID();
        const recordedAt = new Date().toISOString();
        const sealed = sealEvents(
          null,
          events.map((event) => ({ id: crypto.randomUUID(), type: event.type, data: storedData(event) })),
          ({ type }) => ({ commandId, correlationId: commandId, causationId: commandId, actor: 'bench', recordedAt, schemaVersion: schemaVersionOf(type) }),
        );
        await store.appendToStream(incidentStream(incidentId), sealed, { expectedRevision: 'no_stream' });
      }
    }),
  );
  const total = [...histories.values()].reduce((sum, events) => sum + events.length, 0);
  console.log(`Loaded ${total} events (${histories.size} incidents) with ${WRITERS} writers in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return [...histories].sort((a, b) => b[1].length - a[1].length)[0]![0];
}

/** Waits until the read models include `position` (each `consistentWith` wait is bounded: 503, asked again). */
async function caughtUp(url: string, authorization: string, position: string): Promise<void> {
  const started = performance.now();
  while ((await fetch(`${url}/incidents?first=1&consistentWith=${position}`, { headers: { authorization } })).status === 503);
  console.log(`Projections caught up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * In the page: moves the slider to `step` as a drag or key press does (value set, `input` event) and
 * resolves with the milliseconds until that step's figures are rendered (its section shows the step,
 * and the next frame is painted). Timed in the page, so the driver's round trips are not counted.
 */
const stepTo = (step: number) => `new Promise((done) => {
  const slider = document.getElementById('as-of');
  const section = document.querySelector('[data-shown-step]');
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (section.getAttribute('data-shown-step') !== '${step}') return;
    observer.disconnect();
    requestAnimationFrame(() => done(performance.now() - started));
  });
  observer.observe(section, { attributes: true });
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(slider, '${step}');
  slider.dispatchEvent(new Event('input', { bubbles: true }));
})`;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ledger-bench-'));
  chmodSync(dir, 0o755);
  const runtime = await startRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', JWT_SECRET: crypto.randomUUID() + crypto.randomUUID(), RATE_LIMIT_PER_MINUTE: '0' }));
  const app = await createApp(runtime);
  const browser = await launchChromium();
  try {
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const tokens = app.get(TokenService);
    const longest = await load(app.get(EventStore));
    const { positions } = await recordDemo(app.get(ActorCommandHandler), app.get(IncidentCommandHandler));
    await caughtUp(url, `Bearer ${tokens.issue('bench', ['analyst'])}`, positions.at(-1)!);
    const token = tokens.issue('bench', ['analyst', 'auditor']);
    for (const incidentId of [VILLA_UNION, longest]) {
      const steps: number[] = [];
      const opening: number[] = [];
      for (let pass = 0; pass < PASSES; pass++) {
        const { page } = await signedInPage(browser, url, token);
        const opened = performance.now();
        await page.goto(`${url}/app/incidents/${incidentId}`);
        const slider = page.getByRole('slider');
        await slider.waitFor();
        opening.push(performance.now() - opened);
        for (let step = Number(await slider.getAttribute('max')) - 1; step >= 0; step--) steps.push(Number(await page.evaluate(stepTo(step))));
        await page.context().close();
      }
      steps.sort((a, b) => a - b);
      const ms = (value: number) => `${value.toFixed(1)} ms`;
      console.log(
        `slider step, ${incidentId === VILLA_UNION ? 'Villa Unión' : `workload incident ${incidentId}`} (${steps.length / PASSES} steps × ${PASSES} fresh pages): ` +
          `p50 ${ms(quantile(steps, 0.5))}  p95 ${ms(quantile(steps, 0.95))}  max ${ms(steps.at(-1)!)}; ` +
          `page opened → slider offered (driver round trips included): median ${ms(opening.sort((a, b) => a - b)[Math.floor(PASSES / 2)]!)}  max ${ms(opening.at(-1)!)}`,
      );
    }
  } finally {
    await browser.close();
    await app.close();
    await runtime.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
