import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projection checkpoints and the incident read models (`src/incidents/read-models/`).
 *
 * Every list filter of docs/api.md (`country`, `admin1`, `status`, `occurredFrom`/`occurredTo`) has an
 * index that ends in the list order `(occurred_at DESC, incident_id DESC)`, so a filtered page is
 * an index range scan. Figures carry no rules: they are the domain tally's output in rows.
 * Summaries are rewritten with every batch that touches the incident: free space on their pages
 * (fillfactor) lets PostgreSQL update them in place (HOT) without touching their five indexes.
 */
export class CreateReadModels1795900000000 implements MigrationInterface {
  name = 'CreateReadModels1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        position bigint,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE incident_summaries (
        incident_id uuid PRIMARY KEY,
        revision bigint NOT NULL,
        position bigint NOT NULL,
        title text NOT NULL,
        category text NOT NULL,
        occurred_at timestamptz NOT NULL,
        country text NOT NULL,
        admin1 text NOT NULL,
        admin2 text NOT NULL,
        place text NOT NULL,
        lat double precision,
        lon double precision,
        description text NOT NULL,
        tags text[] NOT NULL,
        status text NOT NULL,
        vehicles_seized integer NOT NULL,
        weapons_seized integer NOT NULL,
        arrests integer NOT NULL,
        tally jsonb NOT NULL
      ) WITH (fillfactor = 70)`);
    await queryRunner.query('CREATE INDEX incident_summaries_order_idx ON incident_summaries (occurred_at DESC, incident_id DESC)');
    await queryRunner.query('CREATE INDEX incident_summaries_country_idx ON incident_summaries (country, occurred_at DESC, incident_id DESC)');
    await queryRunner.query('CREATE INDEX incident_summaries_admin1_idx ON incident_summaries (admin1, occurred_at DESC, incident_id DESC)');
    await queryRunner.query('CREATE INDEX incident_summaries_status_idx ON incident_summaries (status, occurred_at DESC, incident_id DESC)');
    await queryRunner.query(`
      CREATE TABLE incident_records (
        incident_id uuid NOT NULL,
        record_id uuid NOT NULL,
        seq integer NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        date_precision text NOT NULL,
        recorded_at timestamptz NOT NULL,
        source_name text NOT NULL,
        source_kind text NOT NULL,
        party text,
        outcome text,
        count integer,
        corrected boolean NOT NULL,
        retracted boolean NOT NULL,
        summary text NOT NULL,
        PRIMARY KEY (incident_id, record_id)
      )`);
    await queryRunner.query('CREATE INDEX incident_records_timeline_idx ON incident_records (incident_id, occurred_at, seq)');
    await queryRunner.query(`
      CREATE TABLE incident_casualty_figures (
        incident_id uuid NOT NULL,
        outcome text NOT NULL,
        party text NOT NULL,
        best integer NOT NULL,
        low integer NOT NULL,
        high integer NOT NULL,
        PRIMARY KEY (incident_id, outcome, party)
      )`);
    await queryRunner.query('CREATE INDEX incident_casualty_figures_party_idx ON incident_casualty_figures (party, outcome)');
    await queryRunner.query(`
      CREATE TABLE incident_source_figures (
        incident_id uuid NOT NULL,
        outcome text NOT NULL,
        party text NOT NULL,
        source text NOT NULL,
        figure integer NOT NULL,
        PRIMARY KEY (incident_id, outcome, party, source)
      )`);
    await queryRunner.query(`
      CREATE TABLE incident_hostages (
        incident_id uuid NOT NULL,
        party text NOT NULL,
        taken integer NOT NULL,
        released integer NOT NULL,
        rescued integer NOT NULL,
        escaped integer NOT NULL,
        killed integer NOT NULL,
        held integer NOT NULL,
        PRIMARY KEY (incident_id, party)
      )`);
    await queryRunner.query('CREATE INDEX incident_hostages_party_idx ON incident_hostages (party)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['incident_hostages', 'incident_source_figures', 'incident_casualty_figures', 'incident_records', 'incident_summaries', 'projection_checkpoints']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
