import { graphql } from './client';

/**
 * Parts of the API the server may not have yet. The dashboard asks the schema (introspection) once
 * and selects or shows each only when it is there, so it works against older and newer servers.
 */
export interface Features {
  /** `tally(bestPolicy:)` (docs/sources.md). */
  bestPolicy: boolean;
  /** `bestSource`, `numberOfSources` on party figures (docs/sources.md). */
  bestSource: boolean;
  /** The source registry, `sources { name aliases reliability }` (docs/sources.md). */
  sourceRegistry: boolean;
  /** `Incident.actors` (docs/actors.md). */
  actors: boolean;
  /** `Incident.links` (docs/merge.md). */
  links: boolean;
  /** `Incident.datePrecision`, `Location.geoPrecision` (docs/time-and-place.md). */
  incidentPrecision: boolean;
  /** `IncidentFilter.actorId` (docs/actors.md). */
  actorFilter: boolean;
  /** The change feed over graphql-ws, `subscription incidentChanges` (the live incident list). */
  changeFeed: boolean;
}

/** With the schema, one incident id: a token whose roles may not read incidents fails here (`NotAllowed`), not on every panel. */
const FEATURES_QUERY = `query DashboardFeatures {
  incident: __type(name: "Incident") { fields { name args { name } } }
  partyFigure: __type(name: "PartyFigure") { fields { name } }
  location: __type(name: "Location") { fields { name } }
  filter: __type(name: "IncidentFilter") { inputFields { name } }
  query: __type(name: "Query") { fields { name } }
  subscription: __type(name: "Subscription") { fields { name } }
  readable: incidents(first: 1) { nextCursor }
}`;

interface Named {
  name: string;
  args?: Named[];
}
interface Introspected {
  incident: { fields: Named[] } | null;
  partyFigure: { fields: Named[] } | null;
  location: { fields: Named[] } | null;
  filter: { inputFields: Named[] } | null;
  query: { fields: Named[] } | null;
  subscription: { fields: Named[] } | null;
}

const has = (list: Named[] | undefined, name: string) => (list ?? []).some((item) => item.name === name);

export async function loadFeatures(): Promise<Features> {
  const schema = await graphql<Introspected>(FEATURES_QUERY);
  const incident = schema.incident?.fields ?? [];
  const filter = schema.filter?.inputFields;
  return {
    bestPolicy: has(incident.find((field) => field.name === 'tally')?.args, 'bestPolicy'),
    bestSource: has(schema.partyFigure?.fields, 'bestSource') && has(schema.partyFigure?.fields, 'numberOfSources'),
    sourceRegistry: has(schema.query?.fields, 'sources'),
    actors: has(incident, 'actors'),
    links: has(incident, 'links'),
    incidentPrecision: has(incident, 'datePrecision') && has(schema.location?.fields, 'geoPrecision'),
    actorFilter: has(filter, 'actorId'),
    changeFeed: has(schema.subscription?.fields, 'incidentChanges'),
  };
}
