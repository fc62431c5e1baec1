import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** A table's columns to write, each with its SQL type: `{ incident_id: 'uuid', count: 'integer' }`. */
export type Columns = Readonly<Record<string, string>>;

export interface BulkWrite {
  readonly table: string;
  readonly columns: Columns;
  /** `ON CONFLICT (key) DO UPDATE` of every column listed here; plain insert when absent. */
  readonly upsert?: { readonly key: readonly string[]; readonly update: readonly string[] };
}

/**
 * Writes any number of rows in one statement with one parameter (a JSON array expanded by
 * `jsonb_to_recordset`): a projection's batch costs a handful of round trips, not one per row.
 * Row objects are keyed by column name; bigints go as decimal strings.
 */
export async function writeRows(manager: EntityManager, { table, columns, upsert }: BulkWrite, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const conflict = upsert
    ? `ON CONFLICT (${upsert.key.join(', ')}) DO UPDATE SET ${upsert.update.map((column) => `${column} = excluded.${column}`).join(', ')}`
    : '';
  await manager.query(
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${names.map((name) => `r.${name}`).join(', ')}
     FROM jsonb_to_recordset($1::jsonb) AS r(${names.map((name) => `${name} ${columns[name]}`).join(', ')})
     ${conflict}`,
    [JSON.stringify(rows)],
  );
}

/**
 * Deletes the rows with these rows' `upsert.key` values, in one statement. The planner cannot see
 * how few rows `jsonb_to_recordset` yields (and after a rebuild its statistics say the table is
 * empty), so it would scan the whole table; `= ANY` on the key's leading column lets it go through
 * the primary key instead.
 */
export async function deleteRows(manager: EntityManager, { table, columns, upsert }: BulkWrite, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  if (!upsert) throw new Error(`deleteRows on ${table} needs its key`);
  const keys = rows.map((row) => Object.fromEntries(upsert.key.map((name) => [name, (row as Record<string, unknown>)[name]])));
  const [lead] = upsert.key;
  await manager.query(
    `DELETE FROM ${table} AS t
     USING jsonb_to_recordset($1::jsonb) AS r(${upsert.key.map((name) => `${name} ${columns[name]}`).join(', ')})
     WHERE t.${lead} = ANY($2::${columns[lead]}[]) AND ${upsert.key.map((name) => `t.${name} = r.${name}`).join(' AND ')}`,
    [JSON.stringify(keys), [...new Set(keys.map((key) => key[lead]))]],
  );
}

/** Bytes per chunk of COPY text handed to the socket (a row may span two: COPY reads a stream). */
const COPY_CHUNK = 64 * 1024;

/**
 * Inserts rows that do not exist yet with `COPY … FROM STDIN` on the transaction's connection:
 * PostgreSQL splits COPY's text format faster than it parses the JSON of `writeRows`, which
 * matters when catching up. A row that exists already fails the batch like any
 * key conflict. Values: scalars, `null`, `Date`s, arrays of strings, JSON objects (`json`, `jsonb`).
 */
export async function copyRows(manager: EntityManager, { table, columns }: BulkWrite, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
  if (rows.length === 0) return;
  await copyInto(manager, table, Object.keys(columns), rows);
}

/**
 * `writeRows` for many rows: COPY into a temporary table, then one `INSERT … SELECT … ON CONFLICT`
 * that empties it as it reads it (COPY's parsing is cheaper than the JSON's; the staging table
 * lives per connection). Emptied by the statement itself, not at commit: a transaction that writes
 * several batches (verification replays the whole store in one) must not stage a row it wrote
 * before again, or a key staged twice makes PostgreSQL refuse the upsert ("ON CONFLICT DO UPDATE
 * command cannot affect row a second time"). Resolves `table` as an unqualified name does, so it
 * writes a read model's temporary shadow where one exists (verification).
 */
export async function copyUpsert(manager: EntityManager, { table, columns, upsert }: BulkWrite, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
  if (rows.length === 0) return;
  if (!upsert) throw new Error(`copyUpsert on ${table} needs its key`);
  const names = Object.keys(columns);
  const staged = `${table}_staged`;
  if ((await manager.query('SELECT to_regclass($1) IS NULL AS missing', [`pg_temp.${staged}`]))[0].missing) {
    await manager.query(`CREATE TEMPORARY TABLE ${staged} (LIKE ${table}) ON COMMIT DELETE ROWS`);
  }
  await copyInto(manager, staged, names, rows);
  await manager.query(
    `WITH staged AS (DELETE FROM ${staged} RETURNING *)
     INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM staged
     ON CONFLICT (${upsert.key.join(', ')}) DO UPDATE SET ${upsert.update.map((column) => `${column} = excluded.${column}`).join(', ')}`,
  );
}

async function copyInto(manager: EntityManager, table: string, names: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
  if (!manager.queryRunner) throw new Error('COPY runs inside a transaction');
  const client = (await manager.queryRunner.connect()) as PoolClient;
  await pipeline(Readable.from(copyChunks(names, rows)), client.query(copyFrom(`COPY ${table} (${names.join(', ')}) FROM STDIN`)));
}

/**
 * The rows' COPY text, line by line into chunks. This runs for every row a batch writes: each line
 * is one string joined from its values (no string per value added, which made most of a catch-up's
 * garbage), encoded with one call.
 */
function* copyChunks(names: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): Generator<Buffer> {
  const values = new Array<string>(names.length);
  let chunk = Buffer.allocUnsafe(COPY_CHUNK);
  let length = 0;
  for (const row of rows) {
    for (let c = 0; c < names.length; c++) values[c] = copyText(row[names[c]]);
    const line = values.join('\t');
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; and the newline.
    const most = line.length * 3 + 1;
    if (length + most > chunk.length) {
      if (length > 0) yield chunk.subarray(0, length);
      chunk = Buffer.allocUnsafe(Math.max(COPY_CHUNK, most));
      length = 0;
    }
    length += chunk.write(line, length);
    chunk[length++] = NEWLINE;
  }
  if (length > 0) yield chunk.subarray(0, length);
}

const NEWLINE = 10;

/** A value in COPY's text format: `\N` for null, backslash escapes for the separators. */
function copyText(value: unknown): string {
  // Strings first: most values are.
  if (typeof value === 'string') return escaped(value);
  if (value === null || value === undefined) return '\\N';
  // Numbers, bigints, booleans and ISO times never need escaping.
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escaped(arrayLiteral(value as string[]));
  // JSON text has its control characters escaped already (as `\n`, …): only its backslashes need doubling.
  if (typeof value === 'object') return jsonText(JSON.stringify(value));
  return escaped(String(value));
}

const jsonText = (json: string): string => (json.includes('\\') ? json.replace(BACKSLASHES, '\\\\') : json);
const BACKSLASHES = /\\/g;

const escaped = (text: string): string => (COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]) : text);

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A `text[]` literal: every element quoted, its quotes and backslashes escaped. */
const arrayLiteral = (values: readonly string[]): string => `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
