import type { MigrationInterface, QueryRunner } from 'typeorm';
import { restartIncidentsProjection } from './restart-incidents-projection.js';

/**
 * A survivor of merges counted a merged incident's record and its own that shared a record id as one
 * (docs/merge.md now: two records, each incident's corrections and retractions changing its own). The
 * survivors' rows were written by the old count, so the projection starts again from the beginning of
 * the store and writes them by the new one.
 */
export class SurvivorRecordIds1799000000000 implements MigrationInterface {
  name = 'SurvivorRecordIds1799000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await restartIncidentsProjection(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await restartIncidentsProjection(queryRunner);
  }
}
