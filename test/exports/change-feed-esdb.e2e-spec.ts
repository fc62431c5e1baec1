import { esdbEventStore } from '../support/event-stores.js';
import { describeChangeFeed } from './change-feed.suite.js';

describeChangeFeed('EventStoreDB adapter', esdbEventStore);
