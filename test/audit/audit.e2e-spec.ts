import pg from 'pg';
import { describeAudit } from './audit.suite.js';

describeAudit('PostgreSQL event store', async () => ({
  tamper: async (eventId, data, databaseUrl) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('UPDATE events SET data = $2 WHERE id = $1', [eventId, JSON.stringify(data)]);
    } finally {
      await client.end();
    }
  },
  dispose: async () => {},
}));
