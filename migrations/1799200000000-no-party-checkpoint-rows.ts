import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grouped by PARTY, an incident with no casualty or hostage figure now counts in the group of no
 * party (docs/tallies.md "Across incidents"); tally checkpoints keep its incidents row (party `''`).
 * The checkpoints made before have none, so they are deleted: derived data, which the projection's
 * checkpointer makes again while as-of tallies read the temporal rows meanwhile.
 */
export class NoPartyCheckpointRows1799200000000 implements MigrationInterface {
  name = 'NoPartyCheckpointRows1799200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('TRUNCATE tally_checkpoints, tally_checkpoint_incidents, tally_checkpoint_casualties, tally_checkpoint_sources, tally_checkpoint_hostages');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.up(queryRunner);
  }
}
