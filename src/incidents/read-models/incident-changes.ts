import { Injectable } from '@nestjs/common';
import { filter, from, map, mergeMap, type Observable, switchMap } from 'rxjs';
import { PgListener } from '../../database/pg-listener.js';
import { INCIDENT_CHANGED_CHANNEL } from './incidents.projection.js';

/** An incident whose read models changed in a committed batch, with the batch's last position. */
export interface IncidentChange {
  readonly incidentId: string;
  readonly position: string;
}

/**
 * Committed read-model changes, in every app instance: the projection notifies on commit through
 * PostgreSQL, whichever process runs it. Feeds GraphQL's `tallyUpdated`.
 */
@Injectable()
export class IncidentChanges {
  constructor(private readonly listener: PgListener) {}

  /** All changes; LISTEN starts on subscription. */
  changes(): Observable<IncidentChange> {
    return from(this.listener.channel(INCIDENT_CHANGED_CHANNEL)).pipe(
      switchMap((payloads) => payloads),
      map((payload) => JSON.parse(payload) as { position: string; incidentIds: string[] }),
      mergeMap(({ position, incidentIds }) => incidentIds.map((incidentId) => ({ incidentId, position }))),
    );
  }

  /** Changes of one incident. */
  changesOf(incidentId: string): Observable<IncidentChange> {
    return this.changes().pipe(filter((change) => change.incidentId === incidentId));
  }
}
