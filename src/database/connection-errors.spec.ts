import { describe, expect, it } from '@jest/globals';
import { EventStoreUnavailable } from '../event-store/event-store.errors.js';
import { isTransient } from '../projections/transient-failures.js';
import { isDatabaseUnavailable } from './connection-errors.js';

/** An error as node-postgres or Node's sockets report it: a message and maybe a `code`. */
const failure = (message: string, code?: string): Error => Object.assign(new Error(message), code === undefined ? {} : { code });

const UNAVAILABLE: readonly [string, Error][] = [
  ['connection refused', failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
  ['connection reset', failure('read ECONNRESET', 'ECONNRESET')],
  ['broken pipe', failure('write EPIPE', 'EPIPE')],
  ['host unreachable', failure('connect EHOSTUNREACH', 'EHOSTUNREACH')],
  ['unknown host', failure('getaddrinfo ENOTFOUND db', 'ENOTFOUND')],
  ['socket timeout', failure('connect ETIMEDOUT', 'ETIMEDOUT')],
  ['admin shutdown (57P01)', failure('terminating connection due to administrator command', '57P01')],
  ['crash shutdown (57P02)', failure('terminating connection because of crash of another server process', '57P02')],
  ['cannot connect now (57P03)', failure('the database system is starting up', '57P03')],
  ['idle session timeout (57P05)', failure('terminating connection due to idle-session timeout', '57P05')],
  ['connection exception (08006)', failure('connection failure', '08006')],
  ['connection does not exist (08003)', failure('connection does not exist', '08003')],
  ['too many connections (53300)', failure('sorry, too many clients already', '53300')],
  ['connection terminated', failure('Connection terminated unexpectedly')],
  ['pool connect timeout', failure('timeout exceeded when trying to connect')],
  ['client connection error', failure('Client has encountered a connection error and is not queryable')],
  ['ended pool', failure('Cannot use a pool after calling end on the pool')],
  ['wrapped by TypeORM', Object.assign(new Error('Query failed'), { driverError: failure('connect ECONNREFUSED', 'ECONNREFUSED') })],
  ['wrapped as a cause', new Error('outer', { cause: failure('terminating connection due to administrator command', '57P01') })],
];

const NOT_UNAVAILABLE: readonly [string, unknown][] = [
  ['a bug (TypeError)', new TypeError("Cannot read properties of undefined (reading 'rows')")],
  ['invalid text representation (22P02)', failure('invalid input syntax for type bigint: "x"', '22P02')],
  ['undefined table (42P01)', failure('relation "events" does not exist', '42P01')],
  ['unique violation (23505)', failure('duplicate key value violates unique constraint', '23505')],
  ['serialization failure (40001)', failure('could not serialize access', '40001')],
  ['query cancelled (57014)', failure('canceling statement due to statement timeout', '57014')],
  ['database dropped (57P04)', failure('database dropped', '57P04')],
  ['a file system error', failure('no such file or directory', 'ENOENT')],
  ['a look-alike message in the middle', failure('the note says: Connection terminated')],
  ['not an error', 'ECONNREFUSED'],
  ['nothing', undefined],
];

describe('isDatabaseUnavailable', () => {
  it.each(UNAVAILABLE)('is true for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each(NOT_UNAVAILABLE)('is false for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('looks five wrappers deep, no deeper', () => {
    const wrapped = (depth: number): Error => (depth === 0 ? failure('read ECONNRESET', 'ECONNRESET') : new Error(`wrapper ${depth}`, { cause: wrapped(depth - 1) }));
    expect(isDatabaseUnavailable(wrapped(4))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(5))).toBe(false);
  });
});

describe('isTransient (the projection runner: resume, never quarantine)', () => {
  it.each(UNAVAILABLE)('is true when the database is unavailable: %s', (_case, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    ['the event store unavailable', new EventStoreUnavailable('gone')],
    ['a serialization failure (40001)', failure('could not serialize access', '40001')],
    ['a deadlock (40P01)', failure('deadlock detected', '40P01')],
    ['a lock not available (55P03)', failure('could not obtain lock', '55P03')],
    ['a cancelled query (57014)', failure('canceling statement due to user request', '57014')],
    ['an I/O error (58030)', failure('could not read block', '58030')],
  ])('is true for %s', (_case, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    ['a bug (TypeError)', new TypeError('boom')],
    ['invalid text representation (22P02)', failure('invalid input syntax', '22P02')],
    ['a check violation (23514)', failure('new row violates check constraint', '23514')],
    ['a lock-like code of another class (55000)', failure('object not in prerequisite state', '55000')],
  ])('is false for %s', (_case, error) => {
    expect(isTransient(error)).toBe(false);
  });
});
