import type { MigrationInterface, QueryRunner } from 'typeorm';
import { restartIncidentsProjection } from './restart-incidents-projection.js';

/**
 * Source keys ignore every character that renders nothing (src/sources/domain/source-key.ts), more
 * than before. Source-figure rows keep the key their records' names had when projected, so the
 * incidents projection starts again from the beginning of the store to key them alike.
 */
export class SourceKeyRefold1798350000000 implements MigrationInterface {
  name = 'SourceKeyRefold1798350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await restartIncidentsProjection(queryRunner);
  }

  async down(): Promise<void> {
    // Nothing to undo: the rows come back as the projection replays.
  }
}
