import type { MigrationInterface, QueryRunner } from 'typeorm';

const FIGURE_TABLES = ['incident_casualty_figures', 'incident_source_figures', 'incident_hostages'];

/**
 * The actor registry's read model (docs/actors.md): one row per actor, with the survivor it answers as
 * (itself until merged), the actors attached to incidents with their roles, and the perpetrator of each figure row.
 */
export class Actors1797600000000 implements MigrationInterface {
  name = 'Actors1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE actors (
      actor_id uuid PRIMARY KEY,
      revision bigint NOT NULL,
      position bigint NOT NULL,
      name text NOT NULL,
      aliases text[] NOT NULL,
      actor_type text NOT NULL,
      parent_actor_id uuid,
      merged_into uuid,
      survivor_id uuid NOT NULL
    )`);
    await queryRunner.query('CREATE INDEX actors_survivor_idx ON actors (survivor_id)');
    await queryRunner.query(`CREATE TABLE incident_actors (
      incident_id uuid NOT NULL,
      actor_id uuid NOT NULL,
      role text NOT NULL,
      position bigint NOT NULL,
      PRIMARY KEY (incident_id, actor_id)
    )`);
    await queryRunner.query('CREATE INDEX incident_actors_actor_idx ON incident_actors (actor_id)');
    // groupBy ACTOR: the perpetrator each figure row is attributed to (the domain's `attributionOf`), as the records name it.
    for (const table of FIGURE_TABLES) await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN perpetrator_actor_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of FIGURE_TABLES) await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN perpetrator_actor_id`);
    await queryRunner.query('DROP TABLE incident_actors');
    await queryRunner.query('DROP TABLE actors');
  }
}
