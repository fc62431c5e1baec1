/**
 * `bench:scale`'s GraphQL part: many `tally(asOf:)` cuts of one incident as a client sends them, as
 * aliases of `tally(asOf:)` on `incident(id:)` in one real operation through the whole app (HTTP,
 * validation, cost limits, loaders) on the bench's database: 25 cuts, and 100 (`MAX_ALIASES`).
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.factory.js';
import { TokenService } from '../src/auth/token.service.js';
import { loadConfig } from '../src/config/config.js';
import { startRuntime } from '../src/config/runtime.js';
import { EventStore } from '../src/event-store/event-store.port.js';
import { ProjectionPositions } from '../src/projections/projection-positions.js';
import { ProjectionsHost } from '../src/projections/projections-host.js';

/** How long `run` takes, in ms. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const at = performance.now();
  await run();
  return performance.now() - at;
}
const ROUNDS = 10;
/** Cuts in the smaller operation; the larger asks all 100 of a round. */
const FEW = 25;

/** Each round: one operation of 25 cuts, then one of 100; their times in ms. */
export async function graphqlCuts(databaseUrl: string, dataDir: string, incidentId: string, cutsOf: (round: number) => bigint[]): Promise<{ one: number[]; hundred: number[] }> {
  const runtime = await startRuntime(loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' }));
  const app = await createApp(runtime);
  try {
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${app.get(TokenService).issue('bench', ['analyst'])}` };
    const operation = async (cuts: readonly bigint[]) => {
      const aliases = cuts.map((cut, n) => `a${n}: tally(asOf: "${cut}") { ...figures }`).join(' ');
      const query = `query($id: ID!) { incident(id: $id) { ${aliases} } } fragment figures on Tally { killed { total { best low high } } hostages { held } arrests }`;
      const response = (await (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables: { id: incidentId } }) })).json()) as { errors?: unknown[] };
      if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors).slice(0, 500)}`);
    };
    // The app's other projections (sources, actors) start from the beginning of the store: timed once they are done.
    const head = await app.get(EventStore).headPosition();
    for (const { name } of app.get(ProjectionsHost).projections()) await app.get(ProjectionPositions).waitFor(name, head, 30 * 60_000);
    const one: number[] = [];
    const hundred: number[] = [];
    // Warm-up (the app's first operation compiles its schema paths).
    await operation(cutsOf(-1).slice(0, FEW));
    for (let round = 0; round < ROUNDS; round++) {
      const cuts = cutsOf(round);
      one.push(await timed(() => operation(cuts.slice(0, FEW))));
      hundred.push(await timed(() => operation(cuts)));
    }
    return { one, hundred };
  } finally {
    await app.close();
    await runtime.dispose();
  }
}
