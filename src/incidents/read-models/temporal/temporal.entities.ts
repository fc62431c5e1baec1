import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FigureColumn } from '../incident-figures/figure-column.js';
import type { IncidentFields } from '../../domain/events.js';

/**
 * The temporal read model's tables (migration `1798400000000-temporal-read-model`). A version row
 * held in positions `[validFrom, validTo)`; `validTo` is `OPEN_END` while it still holds. Positions
 * are decimal strings, as node-postgres reads `bigint`. Being entities, `verify` compares them with a
 * replay like every other read model.
 */
abstract class Version {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('bigint', { name: 'valid_from' })
  validFrom!: string;

  @Column('bigint', { name: 'valid_to' })
  validTo!: string;
}

/** An incident's status and fields (what as-of filters and exports read). */
@Entity('temporal_incidents')
export class TemporalIncidentRow extends Version {
  @Column('text')
  status!: string;

  @Column('jsonb')
  fields!: IncidentFields;

  /** The survivor it had been merged into by then (docs/merge.md). */
  @Column('uuid', { name: 'merged_into', nullable: true })
  mergedInto!: string | null;
}

/**
 * One spelling's figure on (outcome, party) (`source`: the `sourceKey` of the name as recorded), the
 * `seq` and name of its first live record there (which name a source shows) and the `seq` of its
 * last (rule 2's "most recently").
 */
@Entity('temporal_source_figures')
export class TemporalSourceFigureRow extends Version {
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
@Entity('temporal_hostages')
export class TemporalHostageRow extends Version {
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
@Entity('temporal_seizures')
export class TemporalSeizureRow extends Version {
  @FigureColumn({ name: 'vehicles_seized' }) vehiclesSeized!: number;
  @FigureColumn({ name: 'weapons_seized' }) weaponsSeized!: number;
  @FigureColumn() arrests!: number;
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
 * `$all` order, one row per run of events with the same `recordedUntil` (its last event). Both grow
 * together, so the key leads with the time, which reads search by.
 */
@Entity('temporal_event_clock')
export class TemporalEventClockRow {
  @PrimaryColumn('timestamptz', { name: 'recorded_until' })
  recordedUntil!: Date;

  @PrimaryColumn('bigint')
  position!: string;
}

export const TEMPORAL_ROWS = [TemporalIncidentRow, TemporalSourceFigureRow, TemporalHostageRow, TemporalSeizureRow, TemporalRecordChangeRow, TemporalEventClockRow];
