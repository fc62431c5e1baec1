import { Entity } from 'typeorm';
import { CasualtyKey } from './casualty-key.js';
import { FigureColumn } from './figure-column.js';

/** Per (incident, outcome, party): best/low/high as the domain tally computed them, and `best` under the other policies (`CONSERVATIVE` is `low`). */
@Entity('incident_casualty_figures')
export class CasualtyFigureRow extends CasualtyKey {
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
