import type { Features } from './features';
import type { BestPolicy } from './types';

/**
 * Every selection of a SPEC §6 field the server may not have yet, one named constant each, used only
 * when `Features` says the schema has it (see features.ts).
 */

/** §6.1 best-figure policy: the `tally` argument. */
export const bestPolicyArgument = (features: Features, policy: BestPolicy): string =>
  features.bestPolicy && policy !== 'LATEST' ? `bestPolicy: ${policy}` : '';

/** §6.1 on every party figure: whose figure `best` is, and from how many sources. */
export const PARTY_FIGURE_SOURCE_FIELDS = 'bestSource numberOfSources';

/** §6.1 incident date precision and location geo precision. */
export const INCIDENT_PRECISION_FIELDS = 'datePrecision location { geoPrecision }';

/** §6.2 actors on an incident. */
export const INCIDENT_ACTORS_FIELDS = 'actors { actor { id name actorType } role }';

/** §6.2 linked incidents, from both sides. */
export const INCIDENT_LINKS_FIELDS = 'links { incident { id title } relation }';

/** §6.1 the source registry, for each source's reliability (A–F). */
export const SOURCE_RELIABILITY_QUERY = `query SourceReliability { sources { name aliases reliability } }`;

export const when = (flag: boolean, selection: string): string => (flag ? selection : '');
