import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '../../../event-store/event-store.port.js';

/**
 * One row per record or note of an incident, with its current count and flags: the incident's
 * record ledger (in `seq` order) and its timeline (in `occurred_at, seq` order) at once.
 */
@Entity('incident_records')
export class IncidentRecordRow {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('uuid', { name: 'record_id' })
  recordId!: string;

  /** Order in which the incident's records were recorded, from 0. */
  @Column('integer')
  seq!: number;

  /** The record's event type and data as recorded, so the ledger is refolded by the domain. */
  @Column('text')
  type!: string;

  @Column('json')
  data!: JsonObject;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { name: 'date_precision' })
  datePrecision!: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;

  @Column('text', { name: 'source_name' })
  sourceName!: string;

  @Column('text', { name: 'source_kind' })
  sourceKind!: string;

  @Column('text', { nullable: true })
  party!: string | null;

  @Column('text', { nullable: true })
  outcome!: string | null;

  /** After corrections; null for a note. */
  @Column('integer', { nullable: true })
  count!: number | null;

  @Column('boolean')
  corrected!: boolean;

  @Column('boolean')
  retracted!: boolean;

  @Column('text')
  summary!: string;

  /** The record's `perpetratorActorId` as recorded (not followed through actor merges). */
  @Column('uuid', { name: 'perpetrator_actor_id', nullable: true })
  perpetratorActorId!: string | null;
}
