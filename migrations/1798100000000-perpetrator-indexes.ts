import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The filters `actorId` and `actorType` (docs/actors.md) find an actor's incidents through the figures
 * attributed to it as well as through `incident_actors`: the figure rows are looked up by
 * perpetrator. Most figures name none, so the indexes hold only those that do.
 */
export class PerpetratorIndexes1798100000000 implements MigrationInterface {
  name = 'PerpetratorIndexes1798100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['incident_casualty_figures', 'incident_hostages']) {
      await queryRunner.query(`CREATE INDEX ${table}_perpetrator_idx ON ${table} (perpetrator_actor_id) WHERE perpetrator_actor_id IS NOT NULL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['incident_casualty_figures', 'incident_hostages']) await queryRunner.query(`DROP INDEX ${table}_perpetrator_idx`);
  }
}
