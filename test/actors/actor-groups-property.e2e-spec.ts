import { postgresEventStore } from '../support/event-stores.js';
import { describeActorGroupsProperty } from './actor-groups-property.suite.js';

describeActorGroupsProperty('PostgreSQL event store', postgresEventStore);
