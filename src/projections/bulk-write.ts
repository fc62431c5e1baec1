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
