import { Entity, PrimaryColumn } from 'typeorm';
import { FigureColumn } from './figure-column.js';

/** Per (incident, party): hostages taken, released (of which rescued, escaped), killed and held. */
@Entity('incident_hostages')
export class HostageFigureRow {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('text')
  party!: string;

  @FigureColumn()
  taken!: number;

  @FigureColumn()
  released!: number;

  @FigureColumn()
  rescued!: number;

  @FigureColumn()
  escaped!: number;

  @FigureColumn()
  killed!: number;

  @FigureColumn()
  held!: number;
}
