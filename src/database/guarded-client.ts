import pg from 'pg';

/**
 * The client class both pools (TypeORM's and the PostgreSQL event store's) create, via pg-pool's
 * `Client` option: a `pg.Client` that always has an `'error'` listener. node-postgres emits `'error'`
 * on a client when the server ends its connection (a restart, `57P01`); pg-pool drops its own listener
 * while a client is checked out, and when the server's goodbye arrives in the same network read that
 * handed the client to a waiting caller, no one is listening yet and Node ends the process. Nothing is
 * hidden: the pool still removes the client, and its user sees the error on its next query.
 */
export class GuardedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
