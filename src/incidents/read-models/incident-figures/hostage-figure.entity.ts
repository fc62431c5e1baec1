import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per (incident, party): hostages taken, released (of which rescued, escaped), killed and held. */
@Entity('incident_hostages')
export class HostageFigureRow {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('text')
  party!: string;

  @Column('integer')
  taken!: number;

  @Column('integer')
  released!: number;

  @Column('integer')
  rescued!: number;

  @Column('integer')
  escaped!: number;

  @Column('integer')
  killed!: number;

  @Column('integer')
  held!: number;
}
