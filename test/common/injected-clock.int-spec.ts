import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ActorsModule } from '../../src/actors/actors.module.js';
import { ActorCommandHandler } from '../../src/actors/application/actor-command-handler.js';
import { registerActorCommand } from '../../src/actors/application/actor-inputs.js';
import { Clock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { type Runtime, startRuntime } from '../../src/config/runtime.js';
import { CoreModule } from '../../src/core.module.js';
import { EventStore } from '../../src/event-store/event-store.port.js';
import { actorStream, incidentStream, sourceStream } from '../../src/event-store/stream-names.js';
import { commandContext } from '../../src/common/commands/command-context.js';
import { openIncidentCommand } from '../../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler } from '../../src/incidents/application/incident-command-handler.js';
import { ProjectionPositions } from '../../src/projections/projection-positions.js';
import { quarantinedStreams } from '../../src/projections/quarantine.js';
import { SourceCommandHandler } from '../../src/sources/application/source-command-handler.js';
import { SourcesModule } from '../../src/sources/sources.module.js';
import { DataSource } from 'typeorm';
import { TEST_JWT_SECRET } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A test overrides the one `Clock` provider and every reader of application time sees it. */
describe('the injected clock, overridden once for the whole application', () => {
  // Far from the system's time, so nothing can pass by reading the system clock instead.
  const at = new Date('2040-06-01T12:00:00.000Z');
  let db: TestDatabase;
  let runtime: Runtime;
  let app: INestApplicationContext;
  const context = () => commandContext({ actor: 'tester' });

  beforeAll(async () => {
    db = await createTestDatabase();
    runtime = await startRuntime(loadConfig({ DATABASE_URL: db.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' }));
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(runtime), SourcesModule, ActorsModule] })
      .overrideProvider(Clock)
      .useValue({ now: () => at })
      .compile();
    moduleRef.useLogger(false);
    app = await moduleRef.init();
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.dispose();
    await db?.drop();
  });

  const recordedAt = async (stream: string) => (await app.get(EventStore).readStream(stream)).map((event) => event.metadata.recordedAt);

  it("stamps a source command's events with the clock's time", async () => {
    const sourceId = randomUUID();
    const data = { sourceId, name: 'Clocked press', aliases: [], kind: 'media', scale: 'national', reliability: 'B' } as const;
    await app.get(SourceCommandHandler).execute({ type: 'RegisterSource', data }, context());
    expect(await recordedAt(sourceStream(sourceId))).toEqual([at.toISOString()]);
  });

  it("stamps an actor command's events with the clock's time", async () => {
    const reporting = context();
    const { actorId } = await app.get(ActorCommandHandler).execute(registerActorCommand({ name: 'Clocked cartel', actorType: 'rebel_group' }, reporting), reporting);
    expect(await recordedAt(actorStream(actorId))).toEqual([at.toISOString()]);
  });

  it("records a quarantine's firstFailedAt at the clock's time", async () => {
    const incidentId = randomUUID();
    const dataSource = app.get(DataSource);
    // The incident's summary row cannot be written: its first event is a poison to the projection.
    await dataSource.query(`
      CREATE FUNCTION refuse_clocked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.incident_id = '${incidentId}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await dataSource.query('CREATE TRIGGER refuse_clocked BEFORE INSERT OR UPDATE ON incident_summaries FOR EACH ROW EXECUTE FUNCTION refuse_clocked()');
    const opening = { incidentId, title: 'Clocked', category: 'battle' as const, occurredAt: '2019-11-30T12:00:00Z', location: { country: 'MX', admin1: 'Coahuila' } };
    const { position } = await app.get(IncidentCommandHandler).execute(openIncidentCommand(opening, context()), context());
    await app.get(ProjectionPositions).waitFor('incidents', BigInt(position), 60_000);
    expect(await recordedAt(incidentStream(incidentId))).toEqual([at.toISOString()]);
    expect(await quarantinedStreams(dataSource)).toEqual([expect.objectContaining({ stream: incidentStream(incidentId), firstFailedAt: at })]);
  });
});
