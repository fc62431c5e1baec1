import { PgListener } from '../../src/database/pg-listener.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('PgListener', () => {
  it('closed while its connection is being made, ends that connection instead of listening on it', async () => {
    const listener = new PgListener(database.url);
    const channel = listener.channel('closed_while_connecting');
    await listener.close();
    await expect(channel).rejects.toThrow('PgListener is closed');
  });
});
