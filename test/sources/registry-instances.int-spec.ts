import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { systemClock } from '../../src/common/clock.js';
import { commandContext } from '../../src/common/commands/command-context.js';
import { runMigrations } from '../../src/database/data-source.js';
import { PostgresTurns } from '../../src/database/postgres-turns.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { SourceCommandHandler, type SourceCommandInput } from '../../src/sources/application/source-command-handler.js';
import { SourceRegistryLog } from '../../src/sources/stored-events/source-registry-log.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let dataSource: DataSource;
const stores: PostgresEventStore[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  await runMigrations(database.url);
  dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await dataSource?.destroy();
  await database?.drop();
});

/** A registry command handler as one application instance has it: its own store client, registry log and turns. */
function instance(): SourceCommandHandler {
  const store = new PostgresEventStore(database.url);
  stores.push(store);
  return new SourceCommandHandler(store, new SourceRegistryLog(store), systemClock, new PostgresTurns(dataSource));
}

const register = (name: string, alias: string): SourceCommandInput => ({
  type: 'RegisterSource',
  data: { sourceId: randomUUID(), name, aliases: [alias], kind: 'media', scale: 'national', reliability: 'B' },
});

describe('source registry commands across instances (docs/sources.md)', () => {
  it('takes them one at a time across instances on one database: of two registrations racing for one alias, one holds it and the other is refused', async () => {
    const [first, second] = [instance(), instance()];
    for (let round = 0; round < 5; round++) {
      const alias = `Shared ${round}`;
      const commands = [register(`First ${round}`, alias), register(`Second ${round}`, alias)];
      const settled = await Promise.allSettled([first, second].map((handler, n) => handler.execute(commands[n], commandContext({ actor: 'test' }))));
      expect(settled.map(({ status }) => status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(settled.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'SOURCE.NAME_TAKEN', field: 'aliases[0]' } });
    }
  }, 60_000);
});
