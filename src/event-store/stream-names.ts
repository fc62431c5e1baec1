/** The one place stream names are made and read. */
export const INCIDENT_STREAM_PREFIX = 'incident-';

export const incidentStream = (incidentId: string): string => `${INCIDENT_STREAM_PREFIX}${incidentId}`;

export const incidentIdOf = (stream: string): string => stream.slice(INCIDENT_STREAM_PREFIX.length);

/** The source registry (SPEC §6.1): one stream per registered source. */
export const SOURCE_STREAM_PREFIX = 'source-';

export const sourceStream = (sourceId: string): string => `${SOURCE_STREAM_PREFIX}${sourceId}`;

export const sourceIdOf = (stream: string): string => stream.slice(SOURCE_STREAM_PREFIX.length);
