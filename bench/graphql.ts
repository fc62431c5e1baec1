/**
 * `npm run bench:graphql`: latency of the GraphQL tally query at 200 requests/s next to `GET /health`
 * at the same rate in the same run, against the whole app on a fresh embedded PostgreSQL seeded with
 * the demo of the worked example (docs/tallies.md) and BENCH_INCIDENTS (default 1,000) further incidents. Target on a 2-core
 * machine: tally query p99 under 20 ms. The tally is measured as stored (`LATEST`) and under another
 * policy (folded from the history), each with its p50 over `GET /health`'s in the same run. Each load
 * comes from a worker thread (the generator must not share the app's event loop) for BENCH_SECONDS
 * (default 15) after a 3 s warm-up, two ways:
 * - autocannon, 10 connections, `overallRate` 200: autocannon sends each connection's share of a
 *   second back to back at the start of the second, so this is 200 req/s in bursts of 10 concurrent;
 * - paced: one request every 5 ms, latency counted from when it was due (no coordinated omission).
 * Then the attacks the GraphQL limits refuse, each next to a baseline operation and `/health` in the
 * same run (bench/graphql-attacks.ts).
 */
import autocannon from 'autocannon';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApp } from '../src/app.factory.js';
import { TokenService } from '../src/auth/token.service.js';
import { loadConfig } from '../src/config/config.js';
import { startRuntime } from '../src/config/runtime.js';
import { commandContext } from '../src/common/commands/command-context.js';
import { openIncidentCommand, recordCommand } from '../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler } from '../src/incidents/application/incident-command-handler.js';
import { demoCommands } from '../src/incidents/demo/demo-incidents.js';
import { recordDemo } from '../src/incidents/demo/record-demo.js';
import { ActorCommandHandler } from '../src/actors/application/actor-command-handler.js';
import { measureAttacks, seedLongIncident } from './graphql-attacks.js';

const RATE = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000);
const SOURCES = [
  { name: 'State government', kind: 'government' as const },
  { name: 'Local press', kind: 'media' as const },
];

const TALLY_QUERY = `query Tally($id: ID!) { incident(id: $id) { tally {
  killed { total { best low high } byParty { party best low high sources { name figure } } }
  injured { total { best low high } byParty { party best low high sources { name figure } } }
  hostages { party taken released killed held } vehiclesSeized weaponsSeized arrests } } }`;
/** The same tally under a best-figure policy other than the stored one (folded from the history), with each party's `bestSource`. */
const POLICY_TALLY_QUERY = `query Tally($id: ID!) { incident(id: $id) { tally(bestPolicy: MOST_RELIABLE) {
  killed { total { best low high } byParty { party best low high bestSource numberOfSources sources { name figure } } }
  injured { total { best low high } byParty { party best low high bestSource numberOfSources sources { name figure } } }
  hostages { party taken released killed held } vehiclesSeized weaponsSeized arrests } } }`;

/** The demo, then incidents with a few casualty reports from two sources each; returns the last position. */
async function seed(actors: ActorCommandHandler, handler: IncidentCommandHandler): Promise<string> {
  const context = () => commandContext({ actor: 'bench' });
  let position = (await recordDemo(actors, handler)).positions.at(-1)!;
  for (let n = 0; n < INCIDENTS; n++) {
    const incidentId = crypto.randomUUID();
    const location = { country: n % 3 ? 'MX' : 'CO', admin1: `Region ${n % 12}` };
    const occurredAt = new Date(Date.UTC(2019, 0, 1) + n * 3_600_000).toISOString();
    await handler.execute(openIncidentCommand({ incidentId, title: `Incident ${n}`, category: 'battle', occurredAt, location }, context()), context());
    for (let report = 0; report < 4; report++) {
      const input = { occurredAt: '2019-06-01', datePrecision: 'day' as const, source: SOURCES[report % 2], party: 'police' as const, outcome: 'killed' as const, count: 1 + report, basis: 'cumulative' as const };
      const reporting = context();
      position = (await handler.execute(recordCommand('ReportCasualties', incidentId, input, reporting), reporting)).position;
    }
  }
  return position;
}

type Target = { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };
type Latencies = { requests: number; p50: number; p99: number; max: number; failed: number };

/** Sends `rate` requests a second, evenly spaced, for `seconds`; latency runs from each request's due time. */
const PACED_WORKER = `
const { parentPort, workerData: { target, rate, seconds } } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true });
const latencies = [];
let failed = 0;
const total = rate * seconds;
const start = performance.now() + 10;
let done = 0;
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / rate;
  setTimeout(() => {
    const request = http.request(target.url, { method: target.method ?? 'GET', headers: target.headers, agent }, (response) => {
      response.resume();
      response.on('end', () => {
        latencies.push(performance.now() - due);
        if (response.statusCode !== 200) { failed++; if (failed === 1) console.error('first failure: HTTP', response.statusCode); }
        if (++done === total) finish();
      });
    });
    request.on('error', (error) => { if (++failed === 1) console.error('first failure:', error.message); if (++done === total) finish(); });
    request.end(target.body);
  }, Math.max(0, due - performance.now()));
}
function finish() {
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  parentPort.postMessage({ requests: total, p50: at(0.5), p99: at(0.99), max: latencies.at(-1), failed });
  agent.destroy();
}`;

function paced(target: Target, seconds: number): Promise<Latencies> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PACED_WORKER, { eval: true, workerData: { target, rate: RATE, seconds } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function cannon(target: Target, duration: number): Promise<Latencies> {
  const result = await autocannon({ ...target, connections: 10, overallRate: RATE, workers: 1, duration });
  return { requests: result.requests.total, ...result.latency, failed: result.errors + result.timeouts + result.non2xx };
}

const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;

/** Measures `target` both ways; with `baseline` (the p50s of `GET /health`, by way), prints its p50 over the baseline's. Returns its p50s. */
async function measure(name: string, target: Target, baseline?: Record<string, number>): Promise<Record<string, number>> {
  const p50s: Record<string, number> = {};
  for (const [how, run] of [['autocannon', cannon], ['paced', paced]] as const) {
    await run(target, 3);
    const { requests, p50, p99, max, failed } = await run(target, SECONDS);
    p50s[how] = p50;
    const ratio = baseline ? `  p50 ${(p50 / baseline[how]).toFixed(2)}× /health` : '';
    console.log(`${`${name} (${how})`.padEnd(48)} ${String(requests).padStart(6)} req  p50 ${ms(p50)}  p99 ${ms(p99)}  max ${ms(max)}  failed ${failed}${ratio}`);
  }
  return p50s;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ledger-bench-'));
  chmodSync(dir, 0o755);
  const runtime = await startRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', JWT_SECRET: crypto.randomUUID() + crypto.randomUUID(), RATE_LIMIT_PER_MINUTE: '0' }));
  const app = await createApp(runtime);
  try {
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const started = performance.now();
    const longIncident = await seedLongIncident(app.get(IncidentCommandHandler));
    const position = await seed(app.get(ActorCommandHandler), app.get(IncidentCommandHandler));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${app.get(TokenService).issue('bench', ['analyst'])}` };
    const villaUnion = (demoCommands[0].data as { incidentId: string }).incidentId;
    // Every seeded event is in the read models before anything is measured.
    const caughtUp = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: `query($at: String) { incidents(first: 1, consistentWith: $at) { items { id } } }`, variables: { at: position } }),
    });
    if (!caughtUp.ok) throw new Error(`read models did not catch up: ${await caughtUp.text()}`);
    console.log(`Seeded ${INCIDENTS + 4} incidents in ${((performance.now() - started) / 1000).toFixed(1)} s; ${RATE} req/s for ${SECONDS} s each:`);
    const health = await measure('GET /health', { url: `${base}/health` });
    const body = (query: string, variables: object = {}) => JSON.stringify({ query, variables });
    await measure('GraphQL incident tally', { url: `${base}/graphql`, method: 'POST', headers, body: body(TALLY_QUERY, { id: villaUnion }) }, health);
    await measure('GraphQL incident tally (MOST_RELIABLE)', { url: `${base}/graphql`, method: 'POST', headers, body: body(POLICY_TALLY_QUERY, { id: villaUnion }) }, health);
    await measureAttacks(base, headers.authorization, longIncident);
  } finally {
    await app.close();
    await runtime.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
