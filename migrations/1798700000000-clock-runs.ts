import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record-time clock (docs/temporal.md) keeps one row per run of events with the same
 * `recorded_until`, its last event: the other rows are never the answer to a time. Times grow with
 * positions, so a run's rows are those with its time; all but the last are deleted. Answers do not
 * change, so the projection does not start again.
 */
export class ClockRuns1798700000000 implements MigrationInterface {
  name = 'ClockRuns1798700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DELETE FROM temporal_event_clock c WHERE EXISTS (SELECT FROM temporal_event_clock n WHERE n.recorded_until = c.recorded_until AND n.position > c.position)',
    );
  }

  async down(): Promise<void> {
    // The deleted rows are never an answer: the clock reads alike without them.
  }
}
