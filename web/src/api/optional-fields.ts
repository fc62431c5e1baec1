import type { Features } from './features';
import type { BestPolicy } from './types';

/**
 * Every selection of a field the server may not have yet, one named constant each, used only
 * when `Features` says the schema has it (see features.ts).
 */

/** Best-figure policy (docs/sources.md): the `tally` argument. */
export const bestPolicyArgument = (features: Features, policy: BestPolicy): string =>
  features.bestPolicy && policy !== 'LATEST' ? `bestPolicy: ${policy}` : '';

/** On every party figure (docs/sources.md): whose figure `best` is, and from how many sources. */
export const PARTY_FIGURE_SOURCE_FIELDS = 'bestSource numberOfSources';

/** Incident date precision (docs/time-and-place.md) and location geo precision. */
export const INCIDENT_PRECISION_FIELDS = 'datePrecision location { geoPrecision }';

/** Actors on an incident (docs/actors.md). */
export const INCIDENT_ACTORS_FIELDS = 'actors { actor { id name actorType } role }';

/** Linked incidents (docs/merge.md), from both sides. */
export const INCIDENT_LINKS_FIELDS = 'links { incident { id title } relation }';

/** The source registry (docs/sources.md), for each source's reliability (A–F). */
export const SOURCE_RELIABILITY_QUERY = `query SourceReliability { sources { name aliases reliability } }`;

export const when = (flag: boolean, selection: string): string => (flag ? selection : '');
