import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event store's events by type, in `$all` order: `scanAll` finds a rare kind of event
 * (the source registry's, merges) through it instead of reading the whole history.
 */
export class EventTypeIndex1798500000000 implements MigrationInterface {
  name = 'EventTypeIndex1798500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX events_type_position_idx ON events (type, position)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX events_type_position_idx');
  }
}
