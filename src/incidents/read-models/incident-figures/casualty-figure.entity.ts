import { Entity, PrimaryColumn } from 'typeorm';
import { FigureColumn } from './figure-column.js';

/** Per (incident, outcome, party): best/low/high as the domain tally computed them, and `best` under the other policies (`CONSERVATIVE` is `low`). */
@Entity('incident_casualty_figures')
export class CasualtyFigureRow {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('text')
  outcome!: string;

  @PrimaryColumn('text')
  party!: string;

  @FigureColumn()
  best!: number;

  @FigureColumn()
  low!: number;

  @FigureColumn()
  high!: number;

  @FigureColumn({ name: 'best_most_reliable' })
  bestMostReliable!: number;

  @FigureColumn({ name: 'best_median' })
  bestMedian!: number;
}
