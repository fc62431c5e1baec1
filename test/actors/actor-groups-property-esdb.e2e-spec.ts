import { esdbEventStore } from '../support/event-stores.js';
import { describeActorGroupsProperty } from './actor-groups-property.suite.js';

describeActorGroupsProperty('EventStoreDB adapter', esdbEventStore);
