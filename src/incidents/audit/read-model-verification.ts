import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventStore, type JsonObject } from '../../event-store/event-store.port.js';
import { readCheckpoint } from '../../projections/checkpoints.js';
import type { Projection } from '../../projections/projection.js';
import { ProjectionsHost } from '../../projections/projections-host.js';
import { Quarantine, type QuarantinedStream, quarantinedStreams } from '../../projections/quarantine.js';
import { pagesOfAll } from '../../event-store/event-pages.js';
import { SourceRegistryLog } from '../../sources/stored-events/source-registry-log.js';
import { TALLY_CHECKPOINT_TABLES } from '../read-models/temporal/tally-checkpoint.rows.js';
import { tallyCheckpointDifferences } from '../read-models/temporal/tally-checkpoints.queries.js';

/** A read-model row that differs from what a fresh replay of the events gives. */
export interface ReadModelDifference {
  readonly table: string;
  /** The row's primary key. */
  readonly key: JsonObject;
  /** Columns whose values differ; every column when the row is missing on one side. */
  readonly columns: readonly string[];
  /** The stored row, `null` when the replay has a row the read model lacks. */
  readonly readModel: JsonObject | null;
  /** The replayed row, `null` when the read model has a row the replay does not. */
  readonly replay: JsonObject | null;
}

/** What `verify` finds in the read models: rows a replay disagrees with, and streams held back by a quarantine. */
export interface ReadModelFindings {
  readonly differences: readonly ReadModelDifference[];
  readonly quarantined: readonly QuarantinedStream[];
  /** Projections with events of their streams past their checkpoint: compared as far as they got, not yet caught up. */
  readonly behind: readonly string[];
}

/** Differences listed per table at most; a broken read model is rebuilt, not read row by row. */
const MAX_DIFFERENCES_PER_TABLE = 100;

type Table = { readonly name: string; readonly keys: readonly string[] };

/**
 * Compares every read model with a fresh replay of the events through the same projections, inside
 * one transaction that is rolled back: temporary tables shadow the read-model tables (PostgreSQL
 * resolves unqualified names to `pg_temp` first), each projection replays `$all` up to its own
 * checkpoint into them, and the two sides are compared with `EXCEPT ALL`. The transaction's
 * snapshot (repeatable read) holds the read models exactly as of the checkpoints it read, so a
 * running projection never shows up as a difference. The replay skips what the runner skipped
 * (`Quarantine`), so a quarantined stream's last good rows match, and the quarantine is a finding.
 */
@Injectable()
export class ReadModelVerification {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly projections: ProjectionsHost,
  ) {}

  async findings(): Promise<ReadModelFindings> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction('REPEATABLE READ');
    try {
      const manager = runner.manager;
      const projections = this.projections.projections();
      // The first statement fixes the snapshot: checkpoints and read-model rows are read in it together.
      // One after another: a connection runs one statement at a time.
      const checkpoints = [];
      for (const projection of projections) checkpoints.push(await readCheckpoint(manager, projection.name));
      const quarantined = await quarantinedStreams(manager);
      const [{ schema }] = (await manager.query('SELECT current_schema() AS schema')) as { schema: string }[];
      const tables = this.readModelTables();
      // The tally checkpoints are shadowed too (the replay writes its own), and recomputed below rather than compared.
      for (const name of [...tables.map((table) => table.name), ...TALLY_CHECKPOINT_TABLES]) {
        await manager.query(`CREATE TEMPORARY TABLE ${quote(name)} (LIKE ${quote(schema)}.${quote(name)} INCLUDING ALL) ON COMMIT DROP`);
      }
      const behind: string[] = [];
      for (const [index, projection] of projections.entries()) {
        const quarantine = new Quarantine(quarantined.filter((entry) => entry.projection === projection.name));
        if (checkpoints[index] !== undefined) await this.replay(projection, checkpoints[index], quarantine, manager);
        if (await this.isBehind(projection, checkpoints[index])) behind.push(projection.name);
      }
      const differences: ReadModelDifference[] = [];
      for (const table of tables) differences.push(...(await compare(manager, schema, table)));
      // One log for every checkpoint: the registry's events are read from the store once.
      const registry = new SourceRegistryLog(this.store);
      const directoryAt = (position: bigint) => registry.directory((event) => event.position <= position);
      for (const { table, position, stored, row } of await tallyCheckpointDifferences(manager, schema, directoryAt, MAX_DIFFERENCES_PER_TABLE)) {
        differences.push({ table, key: { position }, columns: Object.keys(row), readModel: stored ? row : null, replay: stored ? null : row });
      }
      return { differences, quarantined, behind };
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** Every TypeORM entity is a read-model table (STYLE: entities live only in `read-models/`). */
  private readModelTables(): Table[] {
    return this.dataSource.entityMetadatas.map((metadata) => ({
      name: metadata.tableName,
      keys: metadata.primaryColumns.map((column) => column.databaseName),
    }));
  }

  /** What the runner would apply, up to `checkpoint`: the projection's streams and event types, in position order; its writer sees every event of those streams pass. */
  private async replay(projection: Projection, checkpoint: bigint, quarantine: Quarantine, manager: EntityManager): Promise<void> {
    const types = projection.eventTypes && new Set(projection.eventTypes);
    // Its own writer: the running projection's keeps what it wrote to the real tables, not to these.
    const writer = projection.writer();
    for await (const page of pagesOfAll(this.store)) {
      const upTo = page.filter((event) => event.position <= checkpoint);
      const read = upTo.filter((event) => projection.streamNamePrefixes.some((prefix) => event.stream.startsWith(prefix)));
      const wanted = read.filter((event) => (!types || types.has(event.type)) && !quarantine.skips(event));
      if (wanted.length > 0) await writer.apply(wanted, manager);
      if (read.length > 0) await writer.passed?.(read, manager);
      if (upTo.length < page.length) return;
    }
  }

  /** Whether an event of the projection's streams lies past its checkpoint (none before its first batch): one filtered read of the store. */
  private async isBehind(projection: Projection, checkpoint: bigint | undefined): Promise<boolean> {
    // From the checkpoint itself (reads start at a position the store has), so two events tell.
    const next = await this.store.readAll({ fromPosition: checkpoint ?? 'start', maxCount: 2, filter: { streamNamePrefixes: projection.streamNamePrefixes } });
    return next.some((event) => checkpoint === undefined || event.position > checkpoint);
  }
}

async function compare(manager: EntityManager, schema: string, table: Table): Promise<ReadModelDifference[]> {
  const stored = `${quote(schema)}.${quote(table.name)}`;
  const replayed = `pg_temp.${quote(table.name)}`;
  const rows = (await manager.query(
    // Rows compared as jsonb: `json` columns have no equality operator of their own.
    `(SELECT 'readModel' AS side, row FROM (SELECT to_jsonb(s) AS row FROM ${stored} s EXCEPT ALL SELECT to_jsonb(r) FROM ${replayed} r) d LIMIT $1)
     UNION ALL
     (SELECT 'replay', row FROM (SELECT to_jsonb(r) AS row FROM ${replayed} r EXCEPT ALL SELECT to_jsonb(s) FROM ${stored} s) d LIMIT $1)`,
    [MAX_DIFFERENCES_PER_TABLE],
  )) as { side: 'readModel' | 'replay'; row: JsonObject }[];
  const byKey = new Map<string, { key: JsonObject; readModel: JsonObject | null; replay: JsonObject | null }>();
  for (const { side, row } of rows) {
    const key = Object.fromEntries(table.keys.map((column) => [column, row[column]]));
    const id = JSON.stringify(key);
    const pair = byKey.get(id) ?? { key, readModel: null, replay: null };
    pair[side] = row;
    byKey.set(id, pair);
  }
  return [...byKey.values()].map(({ key, readModel, replay }) => ({
    table: table.name,
    key,
    columns: differingColumns(readModel, replay),
    readModel,
    replay,
  }));
}

function differingColumns(a: JsonObject | null, b: JsonObject | null): string[] {
  const columns = Object.keys(a ?? b ?? {});
  if (a === null || b === null) return columns;
  return columns.filter((column) => JSON.stringify(a[column]) !== JSON.stringify(b[column]));
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
