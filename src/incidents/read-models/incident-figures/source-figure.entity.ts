import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CasualtyKey } from './casualty-key.js';
import { FigureColumn } from './figure-column.js';

/** Per (incident, outcome, party, source): the source's folded figure behind best/low/high. */
@Entity('incident_source_figures')
export class SourceFigureRow extends CasualtyKey {
  @PrimaryColumn('text')
  source!: string;

  /** `sourceKey(source)`: sums across incidents group by it. */
  @Column('text', { name: 'source_key' })
  sourceKey!: string;

  @FigureColumn()
  figure!: number;
}
