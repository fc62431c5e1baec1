/** Shapes of the public GraphQL API (docs/api.md and the pages of docs/) as the dashboard selects them. */

export type Party = 'ARMED_GROUP' | 'POLICE' | 'MILITARY' | 'CIVILIAN' | 'UNKNOWN';
export const PARTIES: readonly Party[] = ['ARMED_GROUP', 'POLICE', 'MILITARY', 'CIVILIAN', 'UNKNOWN'];
export const OUTCOMES = ['killed', 'injured'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const CATEGORIES = ['BATTLE', 'VIOLENCE_AGAINST_CIVILIANS', 'EXPLOSION_REMOTE_VIOLENCE', 'RIOT', 'PROTEST', 'STRATEGIC_DEVELOPMENT'] as const;
export const BEST_POLICIES = ['LATEST', 'MOST_RELIABLE', 'CONSERVATIVE', 'MEDIAN'] as const;
export type BestPolicy = (typeof BEST_POLICIES)[number];

export interface Figure {
  best: number;
  low: number;
  high: number;
}

export interface PartyFigure extends Figure {
  party: Party;
  sources: { name: string; figure: number }[];
  /** docs/sources.md "Best-figure policies", when the API has it. */
  bestSource?: string | null;
  numberOfSources?: number;
}

export interface CasualtyTally {
  total: Figure;
  byParty: PartyFigure[];
}

export interface Hostages {
  party: Party;
  taken: number;
  released: number;
  killed: number;
  held: number;
}

export interface Tally {
  killed: CasualtyTally;
  injured: CasualtyTally;
  hostages: Hostages[];
  vehiclesSeized: number;
  weaponsSeized: number;
  arrests: number;
}

export interface Location {
  country: string;
  admin1: string;
  admin2: string;
  place: string;
  lat: number | null;
  lon: number | null;
  geoPrecision?: string;
}

export interface IncidentSummary {
  id: string;
  title: string;
  category: string;
  occurredAt: string;
  datePrecision?: string;
  status: string;
  location: Location;
  tally: { killed: { total: Figure } };
}

export interface TimelineEntry {
  recordId: string;
  type: string;
  occurredAt: string;
  datePrecision: string;
  recordedAt: string;
  summary: string;
  source: { name: string; kind: string };
  corrected: boolean;
  retracted: boolean;
}

export interface IncidentDetail extends Omit<IncidentSummary, 'tally'> {
  description: string;
  tags: string[];
  revision: string;
  tally: Tally;
  timeline: { items: TimelineEntry[] };
  actors?: { actor: { id: string; name: string; actorType: string }; role: string }[];
  links?: { incident: { id: string; title: string }; relation: string }[];
}

/** One recorded change of an incident: the as-of slider's steps. */
export interface Change {
  /** The `asOf` that includes this change and nothing later. */
  asOf: string;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
}

export interface TallyGroup {
  key: { country?: string | null; admin1?: string | null; day?: string | null; month?: string | null };
  incidents: number;
  killed: { total: Figure };
  injured: { total: Figure };
}
