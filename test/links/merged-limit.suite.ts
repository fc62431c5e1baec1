import { commandContext } from '../../src/common/commands/command-context.js';
import { recordCommand } from '../../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler } from '../../src/incidents/application/incident-command-handler.js';
import type { Source } from '../../src/incidents/domain/events.js';
import { casualtiesBody, incidentBody } from '../incidents/incident-commands.suite.js';
import { graphql } from '../graphql/graphql-client.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appPerSuite } from '../support/suite-app.js';
import type { TestApp } from '../support/test-app.js';

const GOVERNMENT: Source = { name: 'Coahuila state government', kind: 'government' };
const MEDIA: Source = { name: 'El Siglo de Torreón', kind: 'media' };
/** The largest count one record may carry: 10,000,000 takes a hundred of them. */
const MOST = 100_000;
const OVER = 'killed.police.sources[Coahuila state government] 10000001';

const MERGE = /* GraphQL */ `mutation($id: ID!, $into: ID!) { mergeIncident(incidentId: $id, input: { into: $into }) { position } }`;
const TALLY = /* GraphQL */ `query($id: ID!, $at: String, $policy: BestPolicy) { incident(id: $id, consistentWith: $at) {
  tally(bestPolicy: $policy) { killed { total { best low high } byParty { party best low high sources { name figure } } } } } }`;

/**
 * docs/figure-limits.md's 10,000,000 per figure on a survivor (docs/merge.md): a merge and every record on the
 * survivor are decided on its merged ledger, through REST and GraphQL on the event store
 * `eventStore()` gives; an alias registered afterwards raises no figure past it.
 */
export function describeMergedLimit(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`the figure limit across merges (docs/figure-limits.md, docs/merge.md, ${name})`, () => {
    let t: TestApp;
    let last = '0';
    const app = appPerSuite(eventStore);
    beforeAll(() => (t = app()));

    const post = (path: string, body: object) => t.http.post(path).set('Authorization', t.bearer('reporter')).send(body);
    const write = async (path: string, body: object): Promise<string> => {
      const { body: result } = await post(path, body).expect(201);
      last = result.position;
      return result.incidentId ?? result.sourceId;
    };
    const killed = (incidentId: string, count: number, source = GOVERNMENT, basis = 'incremental') =>
      post(`/incidents/${incidentId}/casualties`, casualtiesBody({ party: 'police', count, basis, source }));
    /** Reports of `count` police killed by `source`, each 100,000, through the command handler (the checked commands go through REST and GraphQL). */
    const reports = async (incidentId: string, count: number, source = GOVERNMENT): Promise<void> => {
      for (let n = 0; n < count; n++) {
        const context = commandContext({ actor: 'test' });
        const input = { occurredAt: '2019-11-30', datePrecision: 'day' as const, source, party: 'police' as const, outcome: 'killed' as const, count: MOST, basis: 'incremental' as const };
        last = (await t.app.get(IncidentCommandHandler).execute(recordCommand('ReportCasualties', incidentId, input, context), context)).position;
      }
    };
    /** An incident where the state government reports `count` × 100,000 police killed. */
    const withReports = async (count: number): Promise<string> => {
      const incidentId = await write('/incidents', incidentBody());
      await reports(incidentId, count);
      return incidentId;
    };
    const refused = async (request: ReturnType<typeof post>, field: string) => {
      const { body } = await request.expect(422).expect('Content-Type', /application\/problem\+json/);
      expect(body).toMatchObject({ code: 'TALLY.LIMIT_EXCEEDED', detail: expect.stringContaining(OVER), errors: [{ field }] });
    };
    const tally = async (incidentId: string, policy?: string) => {
      const { data, errors } = await graphql(t, t.bearer('analyst'), TALLY, { id: incidentId, at: last, policy });
      expect(errors).toBeUndefined();
      return data!.incident.tally.killed;
    };

    it('merges up to the limit, then refuses what would pass it on the survivor, on REST and GraphQL, writing nothing', async () => {
      const survivor = await withReports(50);
      const merged = await withReports(50);
      const late = await withReports(0);
      await write(`/incidents/${late}/casualties`, casualtiesBody({ party: 'police', count: 1, basis: 'incremental', source: GOVERNMENT }));
      await write(`/incidents/${merged}/merge`, { into: survivor });
      expect((await tally(survivor)).total).toEqual({ best: 10_000_000, low: 10_000_000, high: 10_000_000 });

      // The survivor's own records say 5,000,000: one more is refused on its merged ledger.
      await refused(killed(survivor, 1), 'count');
      await refused(post(`/incidents/${late}/merge`, { into: survivor }), 'into');
      // Naming the merged incident merges into its survivor, and is refused as well.
      await refused(post(`/incidents/${late}/merge`, { into: merged }), 'into');
      const { errors } = await graphql(t, t.bearer('reporter'), MERGE, { id: late, into: survivor });
      expect(errors?.[0].extensions).toMatchObject({ code: 'TALLY.LIMIT_EXCEEDED', errors: [{ field: 'input.into' }] });

      const { body: events } = await t.http.get(`/incidents/${late}/events`).set('Authorization', t.bearer('auditor')).expect(200);
      expect(events.items.map((event: { type: string }) => event.type)).toEqual(['IncidentOpened', 'CasualtiesReported']);
      expect((await tally(survivor)).total.high).toBe(10_000_000);
    });

    it('decides merges into one survivor sent at once one after the other: those that would pass the limit are refused', async () => {
      const survivor = await withReports(0);
      // Four incidents where the same source reports 3,000,000 in increments, which add up on the merged ledger: three fit within 10,000,000.
      const parts: string[] = [];
      for (let n = 0; n < 4; n++) parts.push(await withReports(30));
      const answers = await Promise.all(parts.map((id) => post(`/incidents/${id}/merge`, { into: survivor })));
      expect(answers.map(({ status }) => status).sort()).toEqual([201, 201, 201, 422]);
      expect(answers.find(({ status }) => status === 422)!.body.code).toBe('TALLY.LIMIT_EXCEEDED');
      last = answers.filter(({ status }) => status === 201).map(({ body }) => body.position as string).sort((a, b) => Number(BigInt(a) - BigInt(b))).at(-1)!;
      expect((await tally(survivor)).total.best).toBe(9_000_000);
    });

    it('keeps every figure within the limit when an alias later makes two spellings one source across the merge', async () => {
      const survivor = await withReports(50);
      const merged = await withReports(0);
      await reports(merged, 50, MEDIA);
      await write(`/incidents/${merged}/merge`, { into: survivor });
      // Two sources apart: 5,000,000 each, so the survivor takes more of either.
      await write(`/incidents/${survivor}/casualties`, casualtiesBody({ party: 'police', count: MOST, basis: 'incremental', source: MEDIA }));
      await write('/sources', { name: GOVERNMENT.name, aliases: [MEDIA.name], kind: 'government', scale: 'regional', reliability: 'A' });
      for (const policy of ['LATEST', 'MOST_RELIABLE', 'CONSERVATIVE', 'MEDIAN']) {
        const killed = await tally(survivor, policy);
        const figures = [killed.total.best, killed.total.low, killed.total.high, ...killed.byParty.flatMap((p: { best: number; low: number; high: number; sources: { figure: number }[] }) => [p.best, p.low, p.high, ...p.sources.map((s) => s.figure)])];
        expect(Math.max(...figures)).toBeLessThanOrEqual(10_000_000);
      }
    });
  });
}
