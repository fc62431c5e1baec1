import { PrimaryColumn } from 'typeorm';

/** The key a casualty figure row starts with: its incident, outcome and party (docs/tallies.md). */
export abstract class CasualtyKey {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('text')
  outcome!: string;

  @PrimaryColumn('text')
  party!: string;
}
