import { postgresEventStore } from '../support/event-stores.js';
import { describeActorReads } from './actor-reads.suite.js';

describeActorReads('PostgreSQL event store', postgresEventStore);
