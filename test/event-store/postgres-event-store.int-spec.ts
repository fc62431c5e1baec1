import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { toProblem } from '../../src/common/problem-details.js';
import { runMigrations } from '../../src/database/data-source.js';
import { EventStoreUnavailable } from '../../src/event-store/event-store.errors.js';
import type { EventToAppend, RecordedEvent } from '../../src/event-store/event-store.port.js';
import { APPEND_CHANNEL } from '../../src/event-store/postgres/append-signal.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { EventIdTaken } from '../../src/event-store/postgres/stream-append.js';
import { describeEventStoreContract } from '../event-store.contract.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await runMigrations(database.url);
});
afterAll(() => database.drop());

describeEventStoreContract('PostgresEventStore', async () => {
  const store = new PostgresEventStore(database.url);
  return { store, dispose: () => store.close() };
});

const anEvent = (): EventToAppend => ({ id: randomUUID(), type: 'Tested', data: {}, metadata: {} });

/** An append of one event to `stream` that has taken its transaction id (so its position) and not committed: COMMIT or ROLLBACK on the client returned. */
async function stalledAppend(stream: string): Promise<pg.Client> {
  const slow = new pg.Client(database.url);
  await slow.connect();
  await slow.query('BEGIN');
  await slow.query(
    `INSERT INTO events (position, transaction_id, stream, revision, id, type, data, metadata)
     SELECT (pg_current_xact_id()::text::bigint << 16) + 1, pg_current_xact_id(), $1, 0, $2, 'Tested', '{}', '{}'`,
    [stream, randomUUID()],
  );
  return slow;
}

describe('PostgresEventStore', () => {
  let store: PostgresEventStore;
  beforeAll(() => {
    store = new PostgresEventStore(database.url);
  });
  afterAll(() => store.close());

  it('never hands out a position behind one already handed out when appends commit out of order', async () => {
    const prefix = `gap-${randomUUID()}-`;
    const marker = await store.appendToStream(`${prefix}marker`, [anEvent()]);
    const subscription = store.subscribeToAll({ fromPosition: marker.position, filter: { streamNamePrefixes: [prefix] } });
    const events = subscription[Symbol.asyncIterator]();
    // An append that took its transaction id first, then stalls before committing…
    const slow = await stalledAppend(`${prefix}slow`);
    // …while a later one commits: a subscription must not deliver it before the slow one, and a read
    // waits for the slow one rather than skip it.
    const fast = await store.appendToStream(`${prefix}fast`, [anEvent()]);
    const read = store.readAll({ fromPosition: marker.position });
    const next = events.next();
    // Let the read find the slow transaction still running (a read that did not wait would be done by then).
    await Promise.race([read, delay(100)]);
    await slow.query('COMMIT');
    await slow.end();
    const delivered: RecordedEvent[] = [(await next).value, (await events.next()).value];
    expect(delivered.map((event) => event.stream)).toEqual([`${prefix}slow`, `${prefix}fast`]);
    expect((await read).map((event) => event.stream)).toEqual([`${prefix}marker`, `${prefix}slow`, `${prefix}fast`]);
    expect(delivered[1].position).toBe(fast.position);
    await subscription.close();
  });

  it('scans every event committed, though an older transaction still runs, and from where it stopped finds the one that commits late', async () => {
    const prefix = `scan-${randomUUID()}-`;
    const filter = { streamNamePrefixes: [prefix], eventTypes: ['Tested'] };
    const marker = await store.appendToStream(`${prefix}marker`, [anEvent()]);
    // An append that took its transaction id first, then stalls before committing…
    const slow = await stalledAppend(`${prefix}slow`);
    // …while a later one commits: a decision made now must see it (a merge, a source's alias).
    await store.appendToStream(`${prefix}fast`, [anEvent()]);
    const first = await store.scanAll({ fromPosition: marker.position, filter });
    expect(first.events.map((event) => event.stream)).toEqual([`${prefix}marker`, `${prefix}fast`]);
    await slow.query('COMMIT');
    await slow.end();
    const next = await store.scanAll({ fromPosition: first.scannedTo!, filter });
    expect(next.events.map((event) => event.stream)).toContain(`${prefix}slow`);
  });

  it('wakes subscribers in other processes by NOTIFY', async () => {
    const otherProcess = new pg.Client(database.url);
    await otherProcess.connect();
    await otherProcess.query(`LISTEN ${APPEND_CHANNEL}`);
    const notified = new Promise((resolve) => otherProcess.once('notification', resolve));
    await store.appendToStream(`notify-${randomUUID()}`, [anEvent()]);
    await expect(notified).resolves.toMatchObject({ channel: APPEND_CHANNEL });
    await otherProcess.end();
  });

  it('refuses an event id already used in another stream', async () => {
    const event = anEvent();
    await store.appendToStream(`taken-${randomUUID()}`, [event]);
    await expect(store.appendToStream(`taken-${randomUUID()}`, [event])).rejects.toBeInstanceOf(EventIdTaken);
  });

  it('reports an unreachable server as EventStoreUnavailable', async () => {
    const unreachable = new PostgresEventStore('postgres://postgres:postgres@127.0.0.1:1/postgres');
    await expect(unreachable.ping()).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(unreachable.appendToStream(`down-${randomUUID()}`, [anEvent()])).rejects.toBeInstanceOf(EventStoreUnavailable);
    await unreachable.close();
  });

  it('passes a statement the server refuses through as it is: a bug answered 500 INTERNAL, not a 503 to retry', async () => {
    // A real SQL error from a server that is up: the store's tables are not on this pool's search_path.
    const pool = new pg.Pool({ connectionString: database.url, options: '-c search_path=nowhere' });
    const misconfigured = new PostgresEventStore(pool);
    await misconfigured.ping();
    const failure: unknown = await misconfigured.headPosition().catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(EventStoreUnavailable);
    expect(failure).toMatchObject({ code: '42P01' });
    expect(toProblem(failure)).toMatchObject({ status: 500, code: 'INTERNAL' });
    await misconfigured.close();
    await pool.end();
  });

  it('passes a bug on the adapter path (a TypeError) through as it is', async () => {
    const pool = new pg.Pool({ connectionString: database.url });
    const bug = new TypeError("Cannot read properties of undefined (reading 'rows')");
    jest.spyOn(pool, 'query').mockImplementation(() => Promise.reject(bug));
    const broken = new PostgresEventStore(pool);
    await expect(broken.readStream(`bug-${randomUUID()}`)).rejects.toBe(bug);
    await expect(broken.appendToStream(`bug-${randomUUID()}`, [anEvent()])).rejects.toBe(bug);
    await broken.close();
    await pool.end();
  });
});
