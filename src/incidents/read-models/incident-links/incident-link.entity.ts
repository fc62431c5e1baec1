import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per link, stored once by the incident that made it (`linksOf` reads it from both sides). */
@Entity('incident_links')
export class IncidentLinkRow {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('uuid', { name: 'other_incident_id' })
  otherIncidentId!: string;

  @Column('text')
  relation!: string;
}
