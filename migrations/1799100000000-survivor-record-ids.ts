import type { MigrationInterface, QueryRunner } from 'typeorm';
import { restartIncidentsProjection } from './restart-incidents-projection.js';

/**
 * A survivor of merges counted a merged incident's record and its own that shared a record id as one
 * (docs/merge.md now: two records, each incident's corrections and retractions changing its own). The
 * survivors' rows were written by the old count, so the projection starts again from the beginning of
 * the store and writes them by the new one. A database that ran the reverted migration
 * `ReportsInRecords1799000000000` (briefly on main) loses what it added.
 */
export class SurvivorRecordIds1799100000000 implements MigrationInterface {
  name = 'SurvivorRecordIds1799100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW IF EXISTS record_changes');
    await queryRunner.query('ALTER TABLE incident_records DROP COLUMN IF EXISTS position, DROP COLUMN IF EXISTS actor');
    await restartIncidentsProjection(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await restartIncidentsProjection(queryRunner);
  }
}
