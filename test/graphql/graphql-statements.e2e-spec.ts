import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { commandContext } from '../../src/common/commands/command-context.js';
import { openIncidentCommand, recordCommand } from '../../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler } from '../../src/incidents/application/incident-command-handler.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphql } from './graphql-client.js';
import { statementsDuring } from '../support/statements-during.js';

const INCIDENTS = 100;
const source = { name: 'Coahuila state government', kind: 'government' as const };

describe('GraphQL reads run a bounded number of SQL statements', () => {
  let database: TestDatabase;
  let t: TestApp;
  let lastPosition = '0';

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp(database.url);
    const handler = t.app.get(IncidentCommandHandler);
    const context = () => commandContext({ actor: 'loader' });
    for (let n = 0; n < INCIDENTS; n++) {
      const incidentId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const location = { country: 'MX', admin1: n % 2 ? 'Coahuila' : 'Sinaloa' };
      const occurredAt = new Date(Date.UTC(2019, 10, 1) + n * 3_600_000).toISOString();
      await handler.execute(openIncidentCommand({ incidentId, title: `Incident ${n}`, category: 'battle', occurredAt, location }, context()), context());
      const recordId = `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const report = { recordId, occurredAt: '2019-11-30', datePrecision: 'day' as const, source, party: 'police' as const, outcome: 'killed' as const, count: n + 1, basis: 'incremental' as const };
      const reporting = context();
      const written = await handler.execute(recordCommand('ReportCasualties', incidentId, report, reporting), reporting);
      lastPosition = written.position;
    }
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it(`a page of ${INCIDENTS} incidents with their tallies reads the read models twice (the page, its actors)`, async () => {
    const analyst = t.bearer('analyst');
    // Wait for the projection first, so only the query's own statements fall in the window.
    await graphql(t, analyst, `query($at: String) { incidents(first: 1, consistentWith: $at) { items { id } } }`, { at: lastPosition });
    const { result: response, statements } = await statementsDuring(t.app.get(DataSource), () =>
      graphql(
        t,
        analyst,
        `{ incidents(first: ${INCIDENTS}) { items { id title location { country admin1 } tally {
            killed { total { best low high } byParty { party best low high sources { name figure } } }
            injured { total { best } } hostages { party held } vehiclesSeized weaponsSeized arrests } } nextCursor } }`,
      ),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.incidents.items).toHaveLength(INCIDENTS);
    const killed = response.data!.incidents.items.map((incident: { tally: { killed: { total: { best: number } } } }) => incident.tally.killed.total.best);
    expect(killed.reduce((sum: number, best: number) => sum + best, 0)).toBe((INCIDENTS * (INCIDENTS + 1)) / 2);
    // The page (tallies included) and its incidents' actors, each one statement for the whole page.
    const readModelStatements = statements.filter((statement) => /\bincident_/.test(statement));
    expect(readModelStatements).toHaveLength(2);
  });

  it(`a page of ${INCIDENTS} incidents with their tallies and timelines reads the read models three times`, async () => {
    const { result: response, statements } = await statementsDuring(t.app.get(DataSource), () =>
      graphql(
        t,
        t.bearer('analyst'),
        `query($at: String) { incidents(first: ${INCIDENTS}, consistentWith: $at) { items { id tally { killed { total { best } } }
            timeline(first: 5) { items { recordId type summary source { name } } nextCursor } } } }`,
        { at: lastPosition },
      ),
    );
    expect(response.errors).toBeUndefined();
    const items: { id: string; timeline: { items: { recordId: string }[]; nextCursor: string | null } }[] = response.data!.incidents.items;
    expect(items).toHaveLength(INCIDENTS);
    for (const { id, timeline } of items) expect(timeline).toEqual({ items: [expect.objectContaining({ recordId: `1${id.slice(1)}` })], nextCursor: null });
    // The incidents page with its tallies and its actors, then every incident's timeline page at once.
    const readModelStatements = statements.filter((statement) => /\bincident_/.test(statement));
    expect(readModelStatements).toHaveLength(3);
  });
});
