import { describeTallyUpdated } from './tally-updated.suite.js';

describeTallyUpdated('PostgreSQL event store', async () => ({ dispose: async () => {} }));
