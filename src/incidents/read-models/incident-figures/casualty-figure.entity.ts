import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per (incident, outcome, party): best/low/high as the domain tally computed them. */
@Entity('incident_casualty_figures')
export class CasualtyFigureRow {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('text')
  outcome!: string;

  @PrimaryColumn('text')
  party!: string;

  @Column('integer')
  best!: number;

  @Column('integer')
  low!: number;

  @Column('integer')
  high!: number;
}
