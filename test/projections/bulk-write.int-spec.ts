import { DataSource } from 'typeorm';
import { type BulkWrite, copyRows, copyUpsert } from '../../src/projections/bulk-write.js';
import { testDataSource, type TestDataSource } from '../support/test-database.js';

/**
 * COPY text as `copyRows` and `copyUpsert` stream it: every kind of value they take comes back as
 * written, whatever it holds (COPY's separators and escape, characters of 2 to 4 UTF-8 bytes) and
 * wherever the stream's chunks split it (rows and values longer than a chunk, thousands of rows).
 */
const COLUMNS = { id: 'integer', name: 'text', tags: 'text[]', data: 'json', at: 'timestamptz', flag: 'boolean', note: 'text' };
const PLAIN: BulkWrite = { table: 'copied', columns: COLUMNS };
const UPSERT: BulkWrite = { table: 'copied', columns: COLUMNS, upsert: { key: ['id'], update: ['name', 'note'] } };

const AWKWARD = ['tab\there', 'line\nbreak', 'carriage\rreturn', 'back\\slash \\N', 'Ciudad Juárez', 'Борно', '北京', 'emoji 🚨 here', '"quoted", {braced}'];

const rowOf = (id: number) => ({
  id,
  name: AWKWARD[id % AWKWARD.length],
  tags: [AWKWARD[(id + 1) % AWKWARD.length], 'plain'],
  data: { text: AWKWARD[(id + 2) % AWKWARD.length], count: id },
  at: new Date(Date.UTC(2024, 0, 1, 0, 0, id % 60)),
  flag: id % 2 === 0,
  // Every 500th row holds a value longer than any chunk, of multi-byte characters.
  note: id % 500 === 0 ? 'é🚨'.repeat(40_000) : null,
});

describe('bulk writes: COPY text', () => {
  let db: TestDataSource;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await testDataSource({ migrate: false });
    dataSource = db.dataSource;
  });

  afterAll(async () => {
    await db?.close();
  });

  beforeEach(async () => {
    await dataSource.query('DROP TABLE IF EXISTS copied');
    await dataSource.query('CREATE TABLE copied (id integer PRIMARY KEY, name text, tags text[], data json, at timestamptz, flag boolean, note text)');
  });

  const stored = () => dataSource.query('SELECT id, name, tags, data, at, flag, note FROM copied ORDER BY id');

  it('copyRows stores every value as given, across chunks', async () => {
    const rows = Array.from({ length: 3_000 }, (_, id) => rowOf(id));
    await dataSource.transaction((manager) => copyRows(manager, PLAIN, rows));
    expect(await stored()).toEqual(rows);
  });

  it('copyUpsert inserts new rows and updates the listed columns of existing ones', async () => {
    const rows = Array.from({ length: 1_200 }, (_, id) => rowOf(id));
    await dataSource.transaction((manager) => copyUpsert(manager, UPSERT, rows.slice(0, 700)));
    const changed = rows.map((row) => (row.id < 700 ? { ...row, name: `${row.name} again`, note: 'né\t🚨' } : row));
    await dataSource.transaction((manager) => copyUpsert(manager, UPSERT, changed.slice(300)));
    expect(await stored()).toEqual([...rows.slice(0, 300), ...changed.slice(300)]);
  });
});
