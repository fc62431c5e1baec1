/**
 * `npm run bench:graphql`: latency of the GraphQL tally query under a steady 200 requests/s
 * (autocannon, rate-limited so coordinated omission is corrected), next to `GET /health` at the same
 * rate in the same run, against the whole app on a fresh embedded PostgreSQL seeded with the SPEC §2
 * demo and BENCH_INCIDENTS (default 1,000) further incidents. Target on a 2-core machine: tally
 * query p99 under 20 ms. BENCH_SECONDS (default 15) per measurement, after a 3 s warm-up of each.
 */
import autocannon from 'autocannon';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.factory.js';
import { TokenService } from '../src/auth/token.service.js';
import { loadConfig } from '../src/config/config.js';
import { startRuntime } from '../src/config/runtime.js';
import { commandContext } from '../src/incidents/application/command-context.js';
import { IncidentCommandHandler } from '../src/incidents/application/incident-command-handler.js';
import { demoCommands } from '../src/incidents/demo/demo-incidents.js';

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

/** The demo, then incidents with a few casualty reports from two sources each; returns the last position. */
async function seed(handler: IncidentCommandHandler): Promise<string> {
  const context = () => commandContext({ actor: 'bench', operation: 'seed', body: null });
  let position = '0';
  for (const command of demoCommands) position = (await handler.execute(command, context())).position;
  for (let n = 0; n < INCIDENTS; n++) {
    const incidentId = crypto.randomUUID();
    await handler.execute(
      {
        type: 'OpenIncident',
        data: {
          incidentId,
          title: `Incident ${n}`,
          category: 'battle',
          occurredAt: new Date(Date.UTC(2019, 0, 1) + n * 3_600_000).toISOString(),
          location: { country: n % 3 ? 'MX' : 'CO', admin1: `Region ${n % 12}`, admin2: '', place: '' },
          description: '',
          tags: [],
        },
      },
      context(),
    );
    for (let report = 0; report < 4; report++) {
      const data = { incidentId, recordId: crypto.randomUUID(), occurredAt: '2019-06-01', datePrecision: 'day' as const, source: SOURCES[report % 2] };
      const command = { type: 'ReportCasualties' as const, data: { ...data, party: 'police' as const, outcome: 'killed' as const, count: 1 + report, basis: 'cumulative' as const } };
      position = (await handler.execute(command, context())).position;
    }
  }
  return position;
}

async function measure(name: string, options: { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<string> {
  await autocannon({ ...options, connections: 10, overallRate: RATE, duration: 3 });
  const result = await autocannon({ ...options, connections: 10, overallRate: RATE, duration: SECONDS });
  const failed = result.errors + result.timeouts + result.non2xx;
  return `${name.padEnd(28)} ${String(result.requests.total).padStart(6)} req  p50 ${result.latency.p50.toFixed(1).padStart(5)} ms  p99 ${result.latency.p99.toFixed(1).padStart(5)} ms  max ${result.latency.max.toFixed(1).padStart(6)} ms  failed ${failed}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ledger-bench-'));
  chmodSync(dir, 0o755);
  const runtime = await startRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', JWT_SECRET: crypto.randomUUID() + crypto.randomUUID() }));
  const app = await createApp(runtime);
  try {
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const started = performance.now();
    const position = await seed(app.get(IncidentCommandHandler));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${app.get(TokenService).issue('bench', ['analyst'])}` };
    const villaUnion = (demoCommands[0].data as { incidentId: string }).incidentId;
    // Every seeded event is in the read models before anything is measured.
    const caughtUp = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: `query($at: String) { incidents(first: 1, consistentWith: $at) { items { id } } }`, variables: { at: position } }),
    });
    if (!caughtUp.ok) throw new Error(`read models did not catch up: ${await caughtUp.text()}`);
    console.log(`Seeded ${INCIDENTS + 3} incidents in ${((performance.now() - started) / 1000).toFixed(1)} s; ${RATE} req/s for ${SECONDS} s each, 10 connections:`);
    console.log(await measure('GET /health', { url: `${base}/health` }));
    const body = (query: string, variables: object = {}) => JSON.stringify({ query, variables });
    console.log(await measure('GraphQL incident tally', { url: `${base}/graphql`, method: 'POST', headers, body: body(TALLY_QUERY, { id: villaUnion }) }));
    console.log(
      await measure('GraphQL tallies by country', {
        url: `${base}/graphql`,
        method: 'POST',
        headers,
        body: body(`{ tallies(groupBy: [COUNTRY]) { key { country } incidents killed { total { best low high } } } }`),
      }),
    );
  } finally {
    await app.close();
    await runtime.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
