/** The one place stream names are made and read. */
export const INCIDENT_STREAM_PREFIX = 'incident-';

export const incidentStream = (incidentId: string): string => `${INCIDENT_STREAM_PREFIX}${incidentId}`;

export const incidentIdOf = (stream: string): string => stream.slice(INCIDENT_STREAM_PREFIX.length);

/** The actor registry (SPEC §6.2): one stream per actor. */
export const ACTOR_STREAM_PREFIX = 'actor-';

export const actorStream = (actorId: string): string => `${ACTOR_STREAM_PREFIX}${actorId}`;
