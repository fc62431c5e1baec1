import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projection lease (`src/projections/lease.ts`) on the checkpoint row: the epoch of the current
 * holder, checked in every batch transaction (fencing), and when the holder last showed progress.
 */
export class ProjectionLease1797100000001 implements MigrationInterface {
  name = 'ProjectionLease1797100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE projection_checkpoints ADD lease_epoch bigint NOT NULL DEFAULT 0, ADD lease_renewed_at timestamptz NOT NULL DEFAULT now()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE projection_checkpoints DROP lease_epoch, DROP lease_renewed_at');
  }
}
