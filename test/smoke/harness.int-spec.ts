import pg from 'pg';
import { Test } from '@nestjs/testing';
import { createTestDatabase } from '../support/test-database.js';

describe('harness', () => {
  it('gives each file a real PostgreSQL database', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client(db.url);
    await client.connect();
    const { rows } = await client.query<{ v: string }>('select current_setting($1) as v', ['server_version_num']);
    await client.end();
    await db.drop();
    expect(Number(rows[0].v)).toBeGreaterThanOrEqual(160000);
  });
  it('loads NestJS 12 (ESM) under jest', async () => {
    const moduleRef = await Test.createTestingModule({ providers: [{ provide: 'x', useValue: 42 }] }).compile();
    expect(moduleRef.get('x')).toBe(42);
  });
});
