/** The one place stream names are made and read. */
export const INCIDENT_STREAM_PREFIX = 'incident-';

export const incidentStream = (incidentId: string): string => `${INCIDENT_STREAM_PREFIX}${incidentId}`;

export const incidentIdOf = (stream: string): string => stream.slice(INCIDENT_STREAM_PREFIX.length);
