import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event store's table (`src/event-store/postgres/`).
 *
 * `position` is `transaction_id * 2^16 + index within the append`, computed at insert: readers only
 * deliver rows whose `transaction_id` is below the oldest running transaction, so positions are
 * handed out in increasing order even though concurrent appends commit out of xid order
 * (see `postgres-event-store.ts`). Event ids are unique store-wide; idempotent re-appends are
 * resolved against them.
 */
export class CreateEvents1795800234981 implements MigrationInterface {
  name = 'CreateEvents1795800234981';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        position bigint PRIMARY KEY,
        transaction_id xid8 NOT NULL,
        stream text NOT NULL,
        revision bigint NOT NULL CHECK (revision >= 0),
        id uuid NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision_key UNIQUE (stream, revision),
        CONSTRAINT events_id_key UNIQUE (id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE events');
  }
}
