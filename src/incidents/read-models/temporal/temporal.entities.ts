import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FigureColumn } from '../incident-figures/figure-column.js';
import type { IncidentFields } from '../../domain/events.js';

/**
 * The temporal read model's tables (migration `1798400000000-temporal-read-model`). A version row
 * held in positions `[validFrom, validTo)`; `validTo` is `OPEN_END` while it still holds. A snapshot
 * row (`…_at` tables) is a version that held at the snapshot's position `at`, without its range.
 * Positions are decimal strings, as node-postgres reads `bigint`. Being entities, `verify` compares
 * them with a replay like every other read model.
 */
/** Entity `name` with a version's range columns (`validFrom`, `validTo`) besides its class's own. */
const Versions = (name: string): ClassDecorator => (target) => {
  PrimaryColumn('bigint', { name: 'valid_from' })(target.prototype as object, 'validFrom');
  Column('bigint', { name: 'valid_to' })(target.prototype as object, 'validTo');
  Entity(name)(target);
};

/** Entity `name` with a snapshot's position column (`at`) besides its class's own. */
const Snapshots = (name: string): ClassDecorator => (target) => {
  PrimaryColumn('bigint')(target.prototype as object, 'at');
  Entity(name)(target);
};

abstract class OfIncident {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;
}

/** An incident's status and fields (what as-of filters and exports read). */
abstract class IncidentValues extends OfIncident {
  @Column('text')
  status!: string;

  @Column('jsonb')
  fields!: IncidentFields;

  /** The survivor it had been merged into by then (SPEC §6.2). */
  @Column('uuid', { name: 'merged_into', nullable: true })
  mergedInto!: string | null;
}

/**
 * One spelling's figure on (outcome, party) (`source`: the `sourceKey` of the name as recorded), the
 * `seq` and name of its first live record there (which name a source shows) and the `seq` of its
 * last (rule 2's "most recently").
 */
abstract class SourceFigureValues extends OfIncident {
  @PrimaryColumn('text')
  outcome!: string;

  @PrimaryColumn('text')
  party!: string;

  @PrimaryColumn('text')
  source!: string;

  @FigureColumn()
  figure!: number;

  @Column('integer', { name: 'first_seq' })
  firstSeq!: number;

  @Column('text', { name: 'first_name' })
  firstName!: string;

  @Column('integer', { name: 'last_seq' })
  lastSeq!: number;
}

/** A party's hostage counts (rule 3). */
abstract class HostageValues extends OfIncident {
  @PrimaryColumn('text')
  party!: string;

  @FigureColumn() taken!: number;
  @FigureColumn() released!: number;
  @FigureColumn() rescued!: number;
  @FigureColumn() escaped!: number;
  @FigureColumn() killed!: number;
  @FigureColumn() held!: number;
}

/** An incident's seizure and arrest sums (rule 4), from its first such record on. */
abstract class SeizureValues extends OfIncident {
  @FigureColumn({ name: 'vehicles_seized' }) vehiclesSeized!: number;
  @FigureColumn({ name: 'weapons_seized' }) weaponsSeized!: number;
  @FigureColumn() arrests!: number;
}

@Versions('temporal_incidents')
export class TemporalIncidentRow extends IncidentValues {
  validFrom!: string;
  validTo!: string;
}

@Versions('temporal_source_figures')
export class TemporalSourceFigureRow extends SourceFigureValues {
  validFrom!: string;
  validTo!: string;
}

@Versions('temporal_hostages')
export class TemporalHostageRow extends HostageValues {
  validFrom!: string;
  validTo!: string;
}

@Versions('temporal_seizures')
export class TemporalSeizureRow extends SeizureValues {
  validFrom!: string;
  validTo!: string;
}

@Snapshots('temporal_incidents_at')
export class TemporalIncidentSnapshotRow extends IncidentValues {
  at!: string;
}

@Snapshots('temporal_source_figures_at')
export class TemporalSourceFigureSnapshotRow extends SourceFigureValues {
  at!: string;
}

@Snapshots('temporal_hostages_at')
export class TemporalHostageSnapshotRow extends HostageValues {
  at!: string;
}

@Snapshots('temporal_seizures_at')
export class TemporalSeizureSnapshotRow extends SeizureValues {
  at!: string;
}

/** A snapshot's position and its rows in all four `…_at` tables. */
@Entity('temporal_snapshots')
export class TemporalSnapshotRow {
  @PrimaryColumn('bigint')
  at!: string;

  @Column('bigint')
  rows!: string;
}

/** A figure that no longer held from `position` on (its last live record retracted); key columns its table lacks are ''. */
@Entity('temporal_removals')
export class TemporalRemovalRow {
  @PrimaryColumn('bigint')
  position!: string;

  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('text', { name: 'table_name' })
  tableName!: string;

  @PrimaryColumn('text')
  outcome!: string;

  @PrimaryColumn('text')
  party!: string;

  @PrimaryColumn('text')
  source!: string;
}

/** One event that changed a counted record: what tally diffs name as the cause of a change. */
@Entity('temporal_record_changes')
export class TemporalRecordChangeRow {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('bigint')
  position!: string;

  @Column('uuid', { name: 'record_id' })
  recordId!: string;

  /** `recorded`, `corrected` or `retracted`. */
  @Column('text')
  change!: string;

  @Column('text', { name: 'record_type' })
  recordType!: string;

  @Column('text', { nullable: true })
  outcome!: string | null;

  @Column('text', { nullable: true })
  party!: string | null;

  @Column('text')
  source!: string;

  /** The record's count after the change. */
  @FigureColumn({ nullable: true })
  count!: number | null;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;

  @Column('text', { nullable: true })
  actor!: string | null;
}

/**
 * Record time → position: `recordedUntil` is the latest envelope `recordedAt` up to `position` in
 * `$all` order. Both grow together, so the key leads with the time, which reads search by.
 */
@Entity('temporal_event_clock')
export class TemporalEventClockRow {
  @PrimaryColumn('timestamptz', { name: 'recorded_until' })
  recordedUntil!: Date;

  @PrimaryColumn('bigint')
  position!: string;
}

export const TEMPORAL_ROWS = [
  TemporalIncidentRow, TemporalSourceFigureRow, TemporalHostageRow, TemporalSeizureRow, TemporalRecordChangeRow, TemporalEventClockRow,
  TemporalIncidentSnapshotRow, TemporalSourceFigureSnapshotRow, TemporalHostageSnapshotRow, TemporalSeizureSnapshotRow, TemporalSnapshotRow, TemporalRemovalRow,
];
