import pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { testDataSource, type TestDataSource } from '../support/test-database.js';

/**
 * A pooled connection ended by the server while checked out, before its user listens for errors (the
 * race that ended a test process when PostgreSQL stopped): the process carries on and the next query
 * fails. Without `GuardedClient`, node-postgres's `'error'` event has no listener and Node throws.
 */
describe('a pooled connection the server ends while it is checked out', () => {
  let db: TestDataSource;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await testDataSource({ migrate: false });
    dataSource = db.dataSource;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('leaves the process running and fails the next query', async () => {
    const pool = (dataSource.driver as PostgresDriver).master as pg.Pool;
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const ended = new Promise((resolve) => client.once('end', resolve));
    await dataSource.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    await ended;
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
