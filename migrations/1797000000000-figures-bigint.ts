import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns that hold a sum of counts: every figure column of the figure tables and the summaries' seizures and arrests. */
const FIGURE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  incident_casualty_figures: ['best', 'low', 'high'],
  incident_source_figures: ['figure'],
  incident_hostages: ['taken', 'released', 'rescued', 'escaped', 'killed', 'held'],
  incident_summaries: ['vehicles_seized', 'weapons_seized', 'arrests'],
};

/**
 * Figures become `bigint`. The domain caps a figure of one incident at 10,000,000 (docs/figure-limits.md), but
 * events recorded before that limit existed may add up to more than `integer` holds, and the
 * projection must store every accepted event's result rather than halt on it. Record counts
 * (`incident_records.count`, at most 100,000 each) stay `integer`.
 */
export class FiguresBigint1797000000000 implements MigrationInterface {
  name = 'FiguresBigint1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await alter(queryRunner, 'bigint');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await alter(queryRunner, 'integer');
  }
}

async function alter(queryRunner: QueryRunner, type: string): Promise<void> {
  for (const [table, columns] of Object.entries(FIGURE_COLUMNS)) {
    await queryRunner.query(`ALTER TABLE ${table} ${columns.map((column) => `ALTER ${column} TYPE ${type}`).join(', ')}`);
  }
}
