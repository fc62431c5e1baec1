import pg from 'pg';
import { DataSource } from 'typeorm';
import { TurnNotTaken } from '../../src/common/commands/application-errors.js';
import { PostgresTurns } from '../../src/database/postgres-turns.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let dataSource: DataSource;
beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
});
afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgresTurns: turns across processes on one database, bounded both ways', () => {
  it('runs one holder of a name at a time, across two instances', async () => {
    const [first, second] = [new PostgresTurns(dataSource), new PostgresTurns(dataSource)];
    const running: string[] = [];
    const work = (who: string) => async () => {
      running.push(`${who} in`);
      await pause(50);
      running.push(`${who} out`);
    };
    await Promise.all([first.take('merges', work('a')), second.take('merges', work('b')), first.take('merges', work('c'))]);
    expect(running.filter((_, n) => n % 2 === 0).map((entry) => entry.replace(' in', ' out'))).toEqual(running.filter((_, n) => n % 2 === 1));
  });

  it('answers TurnNotTaken when another holds the turn past the wait, and takes it once the holder lets go', async () => {
    const holder = new pg.Client(database.url);
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', ['turns:merges']);
    const turns = new PostgresTurns(dataSource, { waitSeconds: 1, holdSeconds: 30 });
    await expect(turns.take('merges', async () => 'ran')).rejects.toBeInstanceOf(TurnNotTaken);
    await holder.end();
    await expect(turns.take('merges', async () => 'ran')).resolves.toBe('ran');
  });

  it('frees the turn of a holder idle in it past the hold (a frozen process): the next one runs', async () => {
    const frozen = new PostgresTurns(dataSource, { waitSeconds: 10, holdSeconds: 1 });
    const stuck = frozen.take('merges', () => pause(3_000));
    await pause(200);
    const started = Date.now();
    await expect(new PostgresTurns(dataSource).take('merges', async () => 'ran')).resolves.toBe('ran');
    expect(Date.now() - started).toBeLessThan(2_500);
    await expect(stuck).rejects.toThrow();
  });
});
