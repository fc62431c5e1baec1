/**
 * The attacks the GraphQL limits refuse (test/graphql/graphql-limits.e2e-spec.ts asserts which stage
 * refuses each, and that no resolver reads anything), timed here: each attack's latency next to a
 * baseline operation (`{ __typename }`) and `GET /health` sent while the attack is in flight next to
 * `GET /health` alone, all in the same run, from a worker thread (the client must not share the app's
 * event loop). Rounds run one after another; p50 and max over ATTACK_ROUNDS rounds.
 */
import { Worker } from 'node:worker_threads';
import { commandContext } from '../src/common/commands/command-context.js';
import { openIncidentCommand, recordCommand } from '../src/incidents/application/command-inputs.js';
import type { IncidentCommandHandler } from '../src/incidents/application/incident-command-handler.js';

const ATTACK_ROUNDS = Number(process.env.BENCH_ATTACK_ROUNDS ?? 50);
/** Records on the incident the as-of attack folds: 20 as-of tallies of it must cost more than the complexity limit. */
const LONG_HISTORY = Number(process.env.BENCH_ATTACK_RECORDS ?? 2_000);

type Attack = { readonly name: string; readonly query: string; readonly variables?: object; readonly token?: false };

const asOfTallies = (count: number) =>
  `query($id: ID!) { ${Array.from({ length: count }, (_, n) => `a${n}: incident(id: $id) { tally(asOf: "${n + 1}") { vehiclesSeized } }`).join(' ')} }`;

const attacks = (incidentId: string): Attack[] => [
  { name: '10,000 directives, no token', query: `{ __typename ${'@x '.repeat(10_000)}}`, token: false },
  { name: '10,000 directives', query: `{ __typename ${'@x '.repeat(10_000)}}` },
  { name: '1,000 @include', query: `{ __typename ${'@include(if: true) '.repeat(1_000)}}` },
  { name: '215 repeated incident fields', query: `{ ${Array.from({ length: 215 }, (_, i) => `incident(id: "${i}") { id }`).join(' ')} }` },
  { name: 'ofType 30 deep', query: `{ __schema { types { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } } }` },
  { name: `20 as-of tallies over ${LONG_HISTORY} records`, query: asOfTallies(20), variables: { id: incidentId } },
];

/** An incident with LONG_HISTORY casualty reports, through the command handler; returns its id. */
export async function seedLongIncident(handler: IncidentCommandHandler): Promise<string> {
  const context = () => commandContext({ actor: 'bench' });
  const incidentId = crypto.randomUUID();
  const location = { country: 'MX', admin1: 'Coahuila' };
  await handler.execute(openIncidentCommand({ incidentId, title: 'Long history', category: 'battle', occurredAt: '2019-06-01T00:00:00Z', location }, context()), context());
  for (let n = 0; n < LONG_HISTORY; n++) {
    const input = { occurredAt: '2019-06-01', datePrecision: 'day' as const, source: { name: 'Local press', kind: 'media' as const }, party: 'police' as const, outcome: 'killed' as const, count: 1, basis: 'incremental' as const };
    const reporting = context();
    await handler.execute(recordCommand('ReportCasualties', incidentId, input, reporting), reporting);
  }
  return incidentId;
}

type Timings = { readonly refusal: string; readonly attack: number[]; readonly baseline: number[]; readonly health: number[]; readonly healthAlone: number[] };

/** First the attack's refusal (status and code), then per round: the baseline operation, `/health` alone, then the attack with `/health` sent while it is in flight. */
const ATTACK_WORKER = `
const { parentPort, workerData: { base, authorization, attack, rounds } } = require('node:worker_threads');
const post = (body, auth) => fetch(base + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body });
const timed = async (send) => { const started = performance.now(); const response = await send(); await response.arrayBuffer(); return { ms: performance.now() - started, status: response.status }; };
(async () => {
  const body = JSON.stringify({ query: attack.query, variables: attack.variables ?? {} });
  const baselineBody = JSON.stringify({ query: '{ __typename }' });
  const auth = attack.token === false ? undefined : authorization;
  const refused = await post(body, auth);
  const code = (await refused.json()).errors?.[0]?.extensions?.code;
  const timings = { refusal: refused.status + ' ' + code, attack: [], baseline: [], health: [], healthAlone: [] };
  for (let round = 0; round <= rounds; round++) {
    const baseline = await timed(() => post(baselineBody, authorization));
    const healthAlone = await timed(() => fetch(base + '/health'));
    const sent = timed(() => post(body, auth));
    const health = await timed(() => fetch(base + '/health'));
    const answered = await sent;
    if (baseline.status !== 200 || healthAlone.status !== 200 || health.status !== 200) throw new Error('baseline or /health failed');
    if (String(answered.status) !== timings.refusal.split(' ')[0]) throw new Error('attack answered ' + answered.status);
    // Round 0 warms both paths.
    if (round === 0) continue;
    timings.attack.push(answered.ms); timings.baseline.push(baseline.ms); timings.health.push(health.ms); timings.healthAlone.push(healthAlone.ms);
  }
  parentPort.postMessage(timings);
})();`;

function run(base: string, authorization: string, attack: Attack): Promise<Timings> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(ATTACK_WORKER, { eval: true, workerData: { base, authorization, attack, rounds: ATTACK_ROUNDS } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;

/** Prints each attack's status and code, p50 and max, its p50 over the baseline's, and `/health`'s p50 during the attack over alone. */
export async function measureAttacks(base: string, authorization: string, incidentId: string): Promise<void> {
  console.log(`GraphQL attacks, ${ATTACK_ROUNDS} rounds each (baseline: { __typename }; /health sent while the attack is in flight):`);
  for (const attack of attacks(incidentId)) {
    const { refusal, ...timings } = await run(base, authorization, attack);
    const [attackMs, baselineMs, healthMs, aloneMs] = [timings.attack, timings.baseline, timings.health, timings.healthAlone].map(p50);
    console.log(
      `${attack.name.padEnd(40)} ${refusal.padEnd(26)}  p50 ${ms(attackMs)}  max ${ms(Math.max(...timings.attack))}  ${(attackMs / baselineMs).toFixed(2)}× baseline (${ms(baselineMs)})` +
        `  /health meanwhile p50 ${ms(healthMs)} = ${(healthMs / aloneMs).toFixed(2)}× alone (${ms(aloneMs)})`,
    );
  }
}
