import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FigureColumn } from './figure-column.js';

/** Per (incident, outcome, party, source): the source's folded figure behind best/low/high. */
@Entity('incident_source_figures')
export class SourceFigureRow {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('text')
  outcome!: string;

  @PrimaryColumn('text')
  party!: string;

  @PrimaryColumn('text')
  source!: string;

  /** `sourceKey(source)`: sums across incidents group by it. */
  @Column('text', { name: 'source_key' })
  sourceKey!: string;

  @FigureColumn()
  figure!: number;
}
