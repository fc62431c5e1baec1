import { emptyDirectory, resolveSource, type SourceDirectory } from '../../sources/domain/source-directory.js';
import { sourceKey } from '../../sources/domain/source-key.js';
import { BEST_POLICIES, bestOf, DEFAULT_BEST_POLICY, type BestPolicy, type Candidate } from './best-policy.js';
import { OUTCOMES, PARTIES, type IncidentEvent, type Outcome, type Party, type RecordEvent } from './events.js';
import { ledgerOf, type LedgerEntry, type RecordLedger } from './record-ledger.js';

/**
 * The one implementation of the tally rules of docs/tallies.md. The projection, `asOf` queries and `verify`
 * all call it, so a rule changes here or nowhere. Shapes follow docs/api.md's GraphQL `Tally`; parties
 * come in `PARTIES` order and sources by name, so equal histories give deep-equal tallies.
 */

export type Figure = Readonly<{ best: number; low: number; high: number }>;
export type SourceFigure = Readonly<{ name: string; figure: number }>;
/**
 * `bestSource`: the source whose figure is `best` under the policy (`null` in sums over incidents);
 * `numberOfSources`: how many sources give a figure (over incidents: how many distinct sources).
 */
export type PartyFigure = Readonly<{
  party: Party;
  best: number;
  low: number;
  high: number;
  bestSource: string | null;
  numberOfSources: number;
  sources: readonly SourceFigure[];
}>;
export type CasualtyTally = Readonly<{ total: Figure; byParty: readonly PartyFigure[] }>;
/** A party's hostage counts (rule 3), in the order tallies, rows and sums list them. */
export const HOSTAGE_COUNTS = ['taken', 'released', 'rescued', 'escaped', 'killed', 'held'] as const;
/** `released` counts every release; `rescued` and `escaped` are the part of it that came about so. */
export type HostageTally = Readonly<{ party: Party } & Record<(typeof HOSTAGE_COUNTS)[number], number>>;
export type Tally = Readonly<{
  killed: CasualtyTally;
  injured: CasualtyTally;
  hostages: readonly HostageTally[];
  vehiclesSeized: number;
  weaponsSeized: number;
  arrests: number;
}>;

/**
 * How a tally reads its sources: the best-figure `policy` (default `LATEST`) and the source registry
 * as of the tally's moment (default: none registered), which folds aliases into their source and
 * gives each its reliability.
 */
export type TallyView = Readonly<{ policy?: BestPolicy; directory?: SourceDirectory }>;

/** The tally of one incident's events, given in stream order (any prefix answers "as of then"). */
export const tallyOf = (events: Iterable<IncidentEvent>, view: TallyView = {}): Tally => tallyOfLedger(ledgerOf(events), view);

/** The incident's tally under every policy (the projection stores each policy's `best` for sums across incidents). */
export function talliesByPolicy(ledger: RecordLedger, directory: SourceDirectory = emptyDirectory): Record<BestPolicy, Tally> {
  const folded = foldedOf(ledger, directory);
  return Object.fromEntries(BEST_POLICIES.map((policy) => [policy, tallyUnder(folded, policy)])) as Record<BestPolicy, Tally>;
}

export const tallyOfLedger = (ledger: RecordLedger, { policy = DEFAULT_BEST_POLICY, directory = emptyDirectory }: TallyView = {}): Tally =>
  tallyUnder(foldedOf(ledger, directory), policy);

/**
 * A tally before rule 2's `best`: per outcome, each party's source folds with what no policy changes
 * (its sources by name, `low`, `high`); every other figure is final. Shared by every policy's tally.
 */
type Folded = Omit<Tally, Outcome> & Readonly<Record<Outcome, readonly PartySources[]>>;
type PartySources = Readonly<{ party: Party; folds: readonly SourceFold[]; sources: readonly SourceFigure[] }> & Omit<Figure, 'best'>;

function foldedOf(ledger: RecordLedger, directory: SourceDirectory): Folded {
  const live = [...ledger.values()].filter((entry) => !entry.retracted);
  return {
    killed: partySourcesOf(sourceFoldsOf(live, 'killed', directory)),
    injured: partySourcesOf(sourceFoldsOf(live, 'injured', directory)),
    hostages: hostagesOf(live),
    vehiclesSeized: sumOf(live, 'VehiclesSeized'),
    weaponsSeized: sumOf(live, 'WeaponsSeized'),
    arrests: sumOf(live, 'ArrestsMade'),
  };
}

const tallyUnder = (folded: Folded, policy: BestPolicy): Tally => ({
  ...folded,
  killed: casualtiesOf(folded.killed, policy),
  injured: casualtiesOf(folded.injured, policy),
});

/**
 * docs/figure-limits.md "The limit per incident": the most any figure of one incident's tally may be (see `figuresOf`). It keeps
 * every per-incident figure a 32-bit integer (GraphQL `Int`, PostgreSQL `integer`) with room to
 * spare, and a sum over incidents exact in a double far beyond any realistic number of incidents.
 */
export const MAX_FIGURE = 10_000_000;

/**
 * Every figure of a tally, named by where it is (`killed.armed_group.sources[Coahuila state
 * government]`, `killed.armed_group.high`, `killed.total.best`, `hostages.civilian.held`,
 * `vehiclesSeized`): a source's figure first (its name shown by `nameOf`), then the party's spread, then the totals.
 */
export function figuresOf(tally: Tally, nameOf: (source: string) => string = (source) => source): [name: string, value: number][] {
  const figures: [string, number][] = [];
  const spread = (name: string, { best, low, high }: Figure) => figures.push([`${name}.best`, best], [`${name}.low`, low], [`${name}.high`, high]);
  for (const outcome of OUTCOMES) {
    for (const party of tally[outcome].byParty) {
      for (const { name, figure } of party.sources) figures.push([`${outcome}.${party.party}.sources[${nameOf(name)}]`, figure]);
      spread(`${outcome}.${party.party}`, party);
    }
    spread(`${outcome}.total`, tally[outcome].total);
  }
  for (const hostages of tally.hostages) for (const count of HOSTAGE_COUNTS) figures.push([`hostages.${hostages.party}.${count}`, hostages[count]]);
  figures.push(['vehiclesSeized', tally.vehiclesSeized], ['weaponsSeized', tally.weaponsSeized], ['arrests', tally.arrests]);
  return figures;
}

export const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const spreadOf = (figures: readonly SourceFigure[]): Omit<Figure, 'best'> => ({
  low: Math.min(...figures.map((s) => s.figure)),
  high: Math.max(...figures.map((s) => s.figure)),
});

export const totalOf = (byParty: readonly Figure[]): Figure => ({
  best: byParty.reduce((sum, f) => sum + f.best, 0),
  low: byParty.reduce((sum, f) => sum + f.low, 0),
  high: byParty.reduce((sum, f) => sum + f.high, 0),
});

type SourceFold = { name: string; figure: number; lastIndex: number; reliability: Candidate['reliability'] };

/**
 * Rule 1: per source, fold its records on (party, outcome) in recorded order — `incremental` adds,
 * `cumulative` replaces. Spellings are told apart by `sourceKey` (docs/sources.md), so every spelling of a
 * name folds into one figure. A registered source's names and aliases fold each on its own, and the
 * source's figure is that of the name that reported last: the registry says who spoke, it does not
 * add up what two names said, so a registration never raises a figure past those the incident's
 * records gave (each within `MAX_FIGURE`, as the decider checks them without the registry). A
 * registered source shows its registered name, any other its first spelling among the incident's
 * live casualty records. Rule 2 (under `policy`): `best` as `bestOf` chooses, `low`/`high` the
 * extremes over sources; totals sum each separately.
 */
function sourceFoldsOf(live: readonly LedgerEntry[], outcome: Outcome, directory: SourceDirectory): Map<Party, SourceFold[]> {
  /** Per party, per name (`sourceKey` of the name as recorded): its fold, and the source it names. */
  const folds = new Map<Party, Map<string, SourceFold & { key: string }>>();
  const names = new Map<string, string>();
  live.forEach(({ record, count = 0 }, index) => {
    if (record.type !== 'CasualtiesReported') return;
    const { key, name = record.data.source.name, reliability } = resolveSource(directory, record.data.source.name);
    // The first spelling over all the incident's casualty records, so one source has one name in every party and outcome.
    if (!names.has(key)) names.set(key, name);
    if (record.data.outcome !== outcome) return;
    const spellings = folds.get(record.data.party) ?? new Map<string, SourceFold & { key: string }>();
    folds.set(record.data.party, spellings);
    const spelled = sourceKey(record.data.source.name);
    const before = spellings.get(spelled);
    const figure = record.data.basis === 'cumulative' ? count : (before?.figure ?? 0) + count;
    spellings.set(spelled, { key, name: names.get(key)!, figure, lastIndex: index, reliability });
  });
  const byParty = new Map<Party, SourceFold[]>();
  for (const [party, spellings] of folds) {
    const sources = new Map<string, SourceFold>();
    for (const { key, ...fold } of spellings.values()) if (fold.lastIndex > (sources.get(key)?.lastIndex ?? -1)) sources.set(key, fold);
    byParty.set(party, [...sources.values()]);
  }
  return byParty;
}

/** Each party's sources (by name) and their spread, in `PARTIES` order. */
function partySourcesOf(folds: ReadonlyMap<Party, readonly SourceFold[]>): PartySources[] {
  return PARTIES.flatMap((party) => {
    const partyFolds = folds.get(party);
    if (partyFolds === undefined) return [];
    const sources = partyFolds.map(({ name, figure }) => ({ name, figure })).sort(byName);
    return [{ party, folds: partyFolds, sources, ...spreadOf(sources) }];
  });
}

function casualtiesOf(parties: readonly PartySources[], policy: BestPolicy): CasualtyTally {
  const byParty = parties.map(({ party, folds, sources, low, high }): PartyFigure => {
    const { best, bestSource } = bestOf(policy, folds);
    return { party, best, low, high, bestSource, numberOfSources: sources.length, sources };
  });
  return { total: totalOf(byParty), byParty };
}

/** Rule 3: per party, only parties with a hostage record. */
function hostagesOf(live: readonly LedgerEntry[]): HostageTally[] {
  const parties = new Map<Party, HostageTally>();
  for (const { record, count = 0 } of live) {
    if (!isHostageRecord(record)) continue;
    const party = record.data.party;
    const h = parties.get(party) ?? { party, taken: 0, released: 0, rescued: 0, escaped: 0, killed: 0, held: 0 };
    parties.set(party, {
      ...h,
      taken: h.taken + (record.type === 'HostagesTaken' ? count : 0),
      released: h.released + (record.type === 'HostagesReleased' ? count : 0),
      rescued: h.rescued + (record.type === 'HostagesReleased' && record.data.how === 'rescued' ? count : 0),
      escaped: h.escaped + (record.type === 'HostagesReleased' && record.data.how === 'escaped' ? count : 0),
      killed: h.killed + (record.type === 'HostagesKilled' ? count : 0),
      held: h.held + (record.type === 'HostagesTaken' ? count : -count),
    });
  }
  return PARTIES.flatMap((party) => parties.get(party) ?? []);
}

type HostageRecord = Extract<RecordEvent, { type: 'HostagesTaken' | 'HostagesReleased' | 'HostagesKilled' }>;
const isHostageRecord = (record: RecordEvent): record is HostageRecord =>
  record.type === 'HostagesTaken' || record.type === 'HostagesReleased' || record.type === 'HostagesKilled';

/** Rule 4. */
const sumOf = (live: readonly LedgerEntry[], type: RecordEvent['type']): number =>
  live.reduce((sum, { record, count = 0 }) => sum + (record.type === type ? count : 0), 0);
