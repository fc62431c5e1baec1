import type { Features } from './features';
import { bestPolicyArgument, INCIDENT_ACTORS_FIELDS, INCIDENT_LINKS_FIELDS, INCIDENT_PRECISION_FIELDS, PARTY_FIGURE_SOURCE_FIELDS, when } from './optional-fields';
import type { BestPolicy } from './types';

/** The GraphQL documents the dashboard sends (names of docs/api.md), with the newer parts added per `Features`. */

const FIGURE = 'best low high';

const casualties = (features: Features) =>
  `{ total { ${FIGURE} } byParty { party ${FIGURE} sources { name figure } ${when(features.bestSource, PARTY_FIGURE_SOURCE_FIELDS)} } }`;

/** A whole `Tally`, as the incident page, the slider and `tallyUpdated` show it. */
export const tallySelection = (features: Features) =>
  `killed ${casualties(features)} injured ${casualties(features)} hostages { party taken released killed held } vehiclesSeized weaponsSeized arrests`;

const LOCATION = 'location { country admin1 admin2 place lat lon }';

export const incidentListQuery = (features: Features) => `query IncidentList($filter: IncidentFilter, $first: Int, $after: String) {
  incidents(filter: $filter, first: $first, after: $after) {
    items { id title category occurredAt status ${LOCATION} ${when(features.incidentPrecision, INCIDENT_PRECISION_FIELDS)} tally { killed { total { ${FIGURE} } } } }
    nextCursor
  }
}`;

export const incidentQuery = (features: Features, policy: BestPolicy) => `query IncidentPage($id: ID!) {
  incident(id: $id) {
    id title category occurredAt status description tags revision ${LOCATION} ${when(features.incidentPrecision, INCIDENT_PRECISION_FIELDS)}
    tally${bestPolicyArgument(features, policy) ? `(${bestPolicyArgument(features, policy)})` : ''} { ${tallySelection(features)} }
    timeline(first: 500) { items { recordId type occurredAt datePrecision recordedAt summary source { name kind } corrected retracted } }
    ${when(features.actors, INCIDENT_ACTORS_FIELDS)}
    ${when(features.links, INCIDENT_LINKS_FIELDS)}
  }
}`;

/** Aliased `tally(asOf:)` fields per request at most: an operation of this many, each with the whole tally selection, stays within the API's 5,000 tokens. */
export const MAX_STEPS_PER_REQUEST = 16;

/** The incident's tally as of each of `steps` positions (or times), aliased `s0`, `s1`, … in one request. */
export const talliesAsOfQuery = (features: Features, policy: BestPolicy, steps: number) => {
  const variables = Array.from({ length: steps }, (_, n) => `$a${n}: String!`).join(', ');
  const fields = Array.from({ length: steps }, (_, n) => `s${n}: tally(asOf: $a${n} ${bestPolicyArgument(features, policy)}) { ${tallySelection(features)} }`).join('\n    ');
  return `query TalliesAsOf($id: ID!, ${variables}) {\n  incident(id: $id) {\n    ${fields}\n  }\n}`;
};

/** The incident's stored events (auditors): the positions the as-of slider steps through. */
export const HISTORY_QUERY = `query IncidentChanges($id: ID!, $after: String) {
  incidentHistory(id: $id, first: 500, after: $after) { items { type data position recordedAt } nextCursor }
}`;

export const talliesQuery = (groupBy: string[]) => `query Tallies($filter: IncidentFilter) {
  tallies(filter: $filter, groupBy: [${groupBy.join(', ')}]) { key { country admin1 day month } incidents killed { total { ${FIGURE} } } injured { total { ${FIGURE} } } }
}`;

export const tallyUpdatedSubscription = (features: Features) => `subscription TallyUpdated($incidentId: ID!) { tallyUpdated(incidentId: $incidentId) { ${tallySelection(features)} } }`;

/** The change feed pushed over graphql-ws: one item per incident whose read model changed since subscribing. */
export const INCIDENT_CHANGES_SUBSCRIPTION = `subscription IncidentChanges { incidentChanges { incidentId position change } }`;
