import { postgresEventStore } from '../support/event-stores.js';
import { describeActors } from './actors.suite.js';

describeActors('PostgreSQL event store', postgresEventStore);
