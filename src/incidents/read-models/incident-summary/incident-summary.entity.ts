import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FigureColumn } from '../incident-figures/figure-column.js';
import type { Tally } from '../../domain/tally.js';

/** One row per incident: its current fields, status and tally (the domain's `Tally`, as is). */
@Entity('incident_summaries')
export class IncidentSummaryRow {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  /** Stream revision of the last event applied: an event at or below it is a replay and is skipped. */
  @Column('bigint')
  revision!: string;

  @Column('bigint')
  position!: string;

  @Column('text')
  title!: string;

  @Column('text')
  category!: string;

  /** The instant, for list order and date-time bounds. */
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  /** `occurredAt` as the reporter gave it, offset included; the local date (`occurred_on`, SQL only) is its date part. */
  @Column('text', { name: 'occurred_at_as_given' })
  occurredAtAsGiven!: string;

  @Column('text', { name: 'date_precision' })
  datePrecision!: string;

  @Column('text', { name: 'occurred_until', nullable: true })
  occurredUntil!: string | null;

  @Column('text')
  country!: string;

  @Column('text')
  admin1!: string;

  @Column('text')
  admin2!: string;

  @Column('text')
  place!: string;

  @Column('double precision', { nullable: true })
  lat!: number | null;

  @Column('double precision', { nullable: true })
  lon!: number | null;

  @Column('text', { name: 'geo_precision' })
  geoPrecision!: string;

  @Column('text')
  description!: string;

  @Column('text', { array: true })
  tags!: string[];

  @Column('text')
  status!: string;

  @FigureColumn({ name: 'vehicles_seized' })
  vehiclesSeized!: number;

  @FigureColumn({ name: 'weapons_seized' })
  weaponsSeized!: number;

  @FigureColumn()
  arrests!: number;

  @Column('json')
  tally!: Tally;

  /** docs/merge.md: the survivor this incident was merged into; its `tally` then counts both (see `survivorLedger`). */
  @Column('uuid', { name: 'merged_into', nullable: true })
  mergedInto!: string | null;

  /** The registry's actors attached to it, `{ actorId: role }` (docs/actors.md). */
  @Column('jsonb')
  actors!: Record<string, string>;
}
