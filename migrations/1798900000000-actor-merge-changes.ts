import type { MigrationInterface, QueryRunner } from 'typeorm';
import { restartIncidentsProjection } from './restart-incidents-projection.js';

/**
 * An actor merge changes how the incidents naming the merged actor read (docs/actors.md), so the
 * incidents projection moves them to the merge's position, for the change feed: it keeps which
 * actor each merged actor answers as (`actor_survivors`), each incident's attached actors
 * (`incident_summaries.actors`) and each record's perpetrator. Both indexes are partial: most
 * incidents name no actor, and most records no perpetrator. The attached actors come from the whole
 * history, so the projection starts again from the beginning of the store.
 */
export class ActorMergeChanges1798900000000 implements MigrationInterface {
  name = 'ActorMergeChanges1798900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE incident_summaries ADD COLUMN actors jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX incident_summaries_actors_idx ON incident_summaries USING gin (actors) WHERE actors <> '{}'`);
    await queryRunner.query('ALTER TABLE incident_records ADD COLUMN perpetrator_actor_id uuid');
    await queryRunner.query('CREATE INDEX incident_records_perpetrator_idx ON incident_records (perpetrator_actor_id) WHERE perpetrator_actor_id IS NOT NULL');
    await queryRunner.query('CREATE TABLE actor_survivors (actor_id uuid PRIMARY KEY, survivor_id uuid NOT NULL)');
    await queryRunner.query('CREATE INDEX actor_survivors_survivor_idx ON actor_survivors (survivor_id)');
    await restartIncidentsProjection(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE actor_survivors');
    await queryRunner.query('ALTER TABLE incident_records DROP COLUMN perpetrator_actor_id');
    await queryRunner.query('ALTER TABLE incident_summaries DROP COLUMN actors');
  }
}
