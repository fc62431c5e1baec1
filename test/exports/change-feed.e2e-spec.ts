import { postgresEventStore } from '../support/event-stores.js';
import { describeChangeFeed } from './change-feed.suite.js';

describeChangeFeed('PostgreSQL event store', postgresEventStore);
