import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { commandContext, type CommandContext } from '../../src/common/commands/command-context.js';
import { openIncidentCommand, recordCommand } from '../../src/incidents/application/command-inputs.js';
import type { IncidentCommandInput } from '../../src/incidents/application/incident-command-handler.js';
import type { IncidentCommand } from '../../src/incidents/domain/commands.js';
import { decide } from '../../src/incidents/domain/decide.js';
import { evolve, initialState } from '../../src/incidents/domain/incident.js';
import { DataSource } from 'typeorm';
import { MAX_COUNT, type IncidentEvent } from '../../src/incidents/domain/events.js';
import { MAX_FIGURE } from '../../src/incidents/domain/tally.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { INCIDENTS_PROJECTION } from '../../src/incidents/read-models/incidents.projection.js';
import { ProjectionPositions } from '../../src/projections/projection-positions.js';
import { graphql, type GraphqlResponse } from '../graphql/graphql-client.js';
import { appendHistory, seededOpening } from '../support/seeded-store.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Incidents at the limit whose sum passes 2^31 − 1, GraphQL `Int`'s and PostgreSQL `integer`'s largest value. */
const INCIDENTS = Math.floor(2 ** 31 / MAX_FIGURE) + 1;
const REPORTS_TO_THE_LIMIT = MAX_FIGURE / MAX_COUNT;
const source = { name: 'Coahuila state government', kind: 'government' as const };
const report = { occurredAt: '2019-11-30', source, party: 'police' as const, outcome: 'killed' as const, count: MAX_COUNT, basis: 'incremental' as const };

/**
 * docs/figure-limits.md "The limit per incident" through every layer: the domain refuses a figure past 10,000,000 on both
 * transports and appends nothing; figures at the limit project and read back exactly; sums over
 * incidents past 2^31 come back exact from GraphQL `tallies`, from the read model and as of a position;
 * a figure past 2^31 recorded before the limit existed still projects, and every transport serves it.
 */
describe('figure limits (docs/figure-limits.md)', () => {
  let database: TestDatabase;
  let t: TestApp;
  let reporter: string;
  let analyst: string;
  const incidentId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp(database.url);
    [reporter, analyst] = [t.bearer('reporter'), t.bearer('analyst')];
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('answers 422 TALLY.LIMIT_EXCEEDED on REST and GraphQL to the report that would pass the limit, and appends nothing', async () => {
    const post = (path: string, body: object) => t.http.post(path).set('Authorization', reporter).send(body);
    // The records name the source by an alias: the refusal names it by its registered name, as reads do.
    const { sourceId } = (await post('/sources', { name: 'Gobierno del Estado de Coahuila', aliases: ['Coahuila state government'], kind: 'government', scale: 'regional', reliability: 'A' }).expect(201)).body;
    await post('/incidents', { incidentId, title: 'At the limit', category: 'battle', occurredAt: '2019-11-30T12:00:00-06:00', location: { country: 'MX', admin1: 'Coahuila' } }).expect(201);
    let position = '';
    for (let n = 0; n < REPORTS_TO_THE_LIMIT; n++) position = (await post(`/incidents/${incidentId}/casualties`, report).expect(201)).body.position;
    const head = await t.store.headPosition();

    const refused = await post(`/incidents/${incidentId}/casualties`, { ...report, count: 1 }).expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 422, code: 'TALLY.LIMIT_EXCEEDED', errors: [{ field: 'count' }] });
    expect(refused.body.detail).toContain('killed.police.sources[Gobierno del Estado de Coahuila] 10000001');
    const mutation = `mutation($id: ID!) { reportCasualties(incidentId: $id, input: { occurredAt: "2019-11-30", source: { name: "Coahuila state government", kind: GOVERNMENT }, party: MILITARY, outcome: KILLED, count: 1, basis: INCREMENTAL }) { revision } }`;
    const viaGraphql = await graphql(t, reporter, mutation, { id: incidentId });
    expect(viaGraphql.errors![0].extensions).toMatchObject({ code: 'TALLY.LIMIT_EXCEEDED', status: 422 });
    expect(await t.store.headPosition()).toBe(head);

    const tally = (await t.http.get(`/incidents/${incidentId}/tally?consistentWith=${position}`).set('Authorization', analyst).expect(200)).body;
    expect(tally.killed.total).toEqual({ best: MAX_FIGURE, low: MAX_FIGURE, high: MAX_FIGURE });
    // The other cases read the name as recorded.
    await t.http.patch(`/sources/${sourceId}`).set('Authorization', reporter).send({ aliases: [] }).expect(201);
  });

  it(`sums ${INCIDENTS} incidents at the limit past 2^31 exactly in GraphQL tallies, from the read model and as of a position`, async () => {
    // The first incident is the previous test's. The others take the same commands, built by the API's
    // builders and decided one by one by the domain's decider (which holds each figure to the limit);
    // each incident's events go to the store in one append rather than a hundred round trips.
    for (let n = 1; n < INCIDENTS; n++) {
      const id = randomUUID();
      let state = initialState;
      const events: IncidentEvent[] = [];
      const run = (command: (context: CommandContext) => IncidentCommandInput) => {
        const context = commandContext({ actor: 'seed' });
        for (const event of decide({ ...command(context), metadata: { now: new Date() } } as IncidentCommand, state)) {
          state = evolve(state, event);
          events.push(event);
        }
      };
      run((context) => openIncidentCommand({ incidentId: id, title: 'At the limit', category: 'battle', occurredAt: '2019-11-30T12:00:00-06:00', location: { country: 'MX', admin1: 'Coahuila' } }, context));
      for (let r = 0; r < REPORTS_TO_THE_LIMIT; r++) run((context) => recordCommand('ReportCasualties', id, report, context));
      await appendHistory(t.store, id, events);
    }
    const head = (await t.store.headPosition()).toString();
    await t.app.get(ProjectionPositions).waitFor(INCIDENTS_PROJECTION, BigInt(head), 300_000);
    const sum = INCIDENTS * MAX_FIGURE;
    expect(sum).toBeGreaterThan(2 ** 31);

    const query = `query($asOf: String, $at: String) {
      tallies(groupBy: [COUNTRY], asOf: $asOf, consistentWith: $at) { key { country } incidents killed { total { best low high } byParty { party best low high sources { name figure } } } }
    }`;
    const expected = [{ key: { country: 'MX' }, incidents: INCIDENTS, killed: { total: { best: sum, low: sum, high: sum }, byParty: [{ party: 'POLICE', best: sum, low: sum, high: sum, sources: [{ name: source.name, figure: sum }] }] } }];
    for (const variables of [{ at: head }, { asOf: head }]) {
      const response = await graphql(t, analyst, query, variables);
      expect(response.errors).toBeUndefined();
      expect(response.data!.tallies).toEqual(expected);
    }
  }, 600_000);

  it('stores and serves a figure past 2^31 from a history recorded before the limit existed', async () => {
    const id = randomUUID();
    const arrestsMade = Array.from({ length: INCIDENTS * REPORTS_TO_THE_LIMIT }, (): IncidentEvent => ({
      type: 'ArrestsMade',
      data: { incidentId: id, recordId: randomUUID(), occurredAt: '2019-11-30T14:00:00Z', datePrecision: 'exact', source, count: MAX_COUNT },
    }));
    await appendHistory(t.store, id, [seededOpening(id), ...arrestsMade]);
    const head = await t.store.headPosition();
    await t.app.get(ProjectionPositions).waitFor(INCIDENTS_PROJECTION, head, 300_000);
    const arrests = arrestsMade.length * MAX_COUNT;
    expect(arrests).toBeGreaterThan(2 ** 31);

    const [row] = await t.app.get(DataSource).getRepository(IncidentSummaryRow).findBy({ incidentId: id });
    expect(row).toMatchObject({ arrests, tally: expect.objectContaining({ arrests }) });
    expect((await t.http.get(`/incidents/${id}/tally`).set('Authorization', analyst).expect(200)).body.arrests).toBe(arrests);
    const response = await graphql(t, analyst, `query($asOf: String) { tallies(groupBy: [COUNTRY], asOf: $asOf) { arrests } }`, { asOf: head.toString() });
    expect(response.errors).toBeUndefined();
    expect(response.data!.tallies).toEqual([{ arrests }]);
    expect((await graphql(t, analyst, '{ tallies(groupBy: [COUNTRY]) { arrests } }')).data!.tallies).toEqual([{ arrests }]);
    // One incident's figures too, as REST serves them, now and as of a position, and in its diff.
    const incident = await graphql(
      t,
      analyst,
      'query($id: ID!, $asOf: String!) { incident(id: $id) { tally { arrests } past: tally(asOf: $asOf) { arrests } tallyDiff(from: "0", to: $asOf) { counts { figure after } } } }',
      { id, asOf: head.toString() },
    );
    expect(incident.errors).toBeUndefined();
    expect(incident.data!.incident).toEqual({ tally: { arrests }, past: { arrests }, tallyDiff: { counts: [{ figure: 'arrests', after: arrests }] } });
    type Listed = { id: string; tally: { arrests: number } };
    const listed: Listed[] = [];
    let after: string | null = null;
    do {
      const page: GraphqlResponse<{ incidents: { items: Listed[]; nextCursor: string | null } }> = await graphql(
        t,
        analyst,
        'query($after: String) { incidents(first: 100, after: $after) { items { id tally { arrests } } nextCursor } }',
        { after },
      );
      expect(page.errors).toBeUndefined();
      listed.push(...page.data!.incidents.items);
      after = page.data!.incidents.nextCursor;
    } while (after !== null);
    expect(listed).toContainEqual({ id, tally: { arrests } });
  }, 600_000);
});
