/** The one place stream names are made and read. */
export const INCIDENT_STREAM_PREFIX = 'incident-';

export const incidentStream = (incidentId: string): string => `${INCIDENT_STREAM_PREFIX}${incidentId}`;

export const incidentIdOf = (stream: string): string => stream.slice(INCIDENT_STREAM_PREFIX.length);

/** The source registry (docs/sources.md): one stream per registered source. */
export const SOURCE_STREAM_PREFIX = 'source-';

export const sourceStream = (sourceId: string): string => `${SOURCE_STREAM_PREFIX}${sourceId}`;

export const sourceIdOf = (stream: string): string => stream.slice(SOURCE_STREAM_PREFIX.length);

/** The actor registry (docs/actors.md): one stream per actor. */
export const ACTOR_STREAM_PREFIX = 'actor-';

export const actorStream = (actorId: string): string => `${ACTOR_STREAM_PREFIX}${actorId}`;

/**
 * Every kind of stream the application writes. A projection whose reads wait for positions
 * (`consistentWith`) subscribes to all of them, so its checkpoint passes any write's position.
 */
export const APPLICATION_STREAM_PREFIXES = [INCIDENT_STREAM_PREFIX, ACTOR_STREAM_PREFIX, SOURCE_STREAM_PREFIX];
