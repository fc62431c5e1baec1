import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source.js';
import { EXPORTED_SUMMARY_COLUMNS } from '../../src/incidents/exports/exported-incident.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { summaryRowOf, SUMMARY_COLUMNS } from '../../src/incidents/read-models/incident-summary/incident-summary.rows.js';
import { opened } from '../support/incident-fixtures.js';
import { tallyOf } from '../../src/incidents/domain/tally.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The summary row is declared by the migrations (the table), the entity (what TypeORM reads), the
 * projection's column list (`SUMMARY_COLUMNS`, what it writes, with the types its bulk statement
 * casts to), `summaryRowOf` and the exports' column list. They must name the same columns with the
 * same types and nullability; `occurred_on` alone is SQL-only (the local date, read by no entity).
 */
const SQL_ONLY = ['occurred_on'];

describe('incident_summaries: the table, the entity and every column list agree', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  /** The migrated table's columns: canonical type and nullability, by name. */
  let table: Map<string, { type: string; nullable: boolean }>;
  const canonical = async (type: string): Promise<string> => (await dataSource.query('SELECT format_type($1::regtype, NULL) AS type', [type]))[0].type;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await new DataSource({ ...dataSourceOptions(db.url), entities: [IncidentSummaryRow] }).initialize();
    const rows: { name: string; type: string; nullable: boolean }[] = await dataSource.query(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type, NOT attnotnull AS nullable
       FROM pg_attribute WHERE attrelid = 'incident_summaries'::regclass AND attnum > 0 AND NOT attisdropped`,
    );
    table = new Map(rows.map(({ name, type, nullable }) => [name, { type, nullable }]));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('SUMMARY_COLUMNS names every column of the table, with its type', async () => {
    const written = await Promise.all(Object.entries(SUMMARY_COLUMNS).map(async ([name, type]) => [name, await canonical(type)]));
    expect(Object.fromEntries(written)).toEqual(Object.fromEntries([...table].map(([name, { type }]) => [name, type])));
  });

  it('the entity maps every column but the SQL-only ones, with its type and nullability', async () => {
    const { columns } = dataSource.getMetadata(IncidentSummaryRow);
    const mapped = await Promise.all(
      columns.map(async (column) => [column.databaseName, { type: await canonical(`${String(column.type)}${column.isArray ? '[]' : ''}`), nullable: column.isNullable }]),
    );
    expect(Object.fromEntries(mapped)).toEqual(Object.fromEntries([...table].filter(([name]) => !SQL_ONLY.includes(name))));
  });

  it('summaryRowOf gives a value for every column the projection writes', () => {
    const row = summaryRowOf({ incidentId: opened.data.incidentId, revision: 0n, position: 1n, fields: opened.data, status: 'open', tally: tallyOf([opened]), actors: new Map() });
    expect(Object.keys(row).sort()).toEqual(Object.keys(SUMMARY_COLUMNS).sort());
  });

  it('the exports read only columns of the table', () => {
    expect(EXPORTED_SUMMARY_COLUMNS.filter((name) => !table.has(name))).toEqual([]);
  });
});
