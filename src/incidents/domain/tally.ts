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
  return foldedOfParts({ spellings: spellingFoldsOf(ledger), hostages: hostagesOf(live), vehiclesSeized: sumOf(live, 'VehiclesSeized'), weaponsSeized: sumOf(live, 'WeaponsSeized'), arrests: sumOf(live, 'ArrestsMade') }, directory);
}

/** A tally's parts that need no registry nor policy: the spellings' folds (rule 1) and every figure but casualties. */
export type TallyParts = Omit<Tally, Outcome> & Readonly<{ spellings: readonly SpellingFold[] }>;

function foldedOfParts({ spellings, ...final }: TallyParts, directory: SourceDirectory): Folded {
  const { killed, injured } = sourceFoldsOf(spellings, directory);
  // Casualties first, as in `Tally`: answers keep their field order whether folded or read from the temporal rows.
  return { killed: partySourcesOf(killed), injured: partySourcesOf(injured), ...final };
}

/** The tally from its parts (as the temporal read model stores them) under `view`: the same rules as `tallyOfLedger`. */
export const tallyOfParts = (parts: TallyParts, { policy = DEFAULT_BEST_POLICY, directory = emptyDirectory }: TallyView = {}): Tally =>
  tallyUnder(foldedOfParts(parts, directory), policy);

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
 * Rule 1 for one spelling (`sourceKey` of a name as recorded, docs/sources.md) on one (outcome, party):
 * its records folded in recorded order (`incremental` adds, `cumulative` replaces), the ledger
 * indexes of its first and last live records there, and the name the first was recorded under. A
 * spelling's fold needs no registry, so the temporal read model stores these as they are.
 */
export type SpellingFold = Readonly<{ outcome: Outcome; party: Party; spelling: string; figure: number; firstIndex: number; firstName: string; lastIndex: number }>;

/** Rule 1's step: a source's figure on a pair after one more of its live records there (`count`, as corrected). */
export const sourceFigureAfter = (before: number, record: Extract<RecordEvent, { type: 'CasualtiesReported' }>, count: number): number =>
  record.data.basis === 'cumulative' ? count : before + count;

/** Every spelling's fold over the ledger's live casualty records; indexes are ledger indexes. */
export function spellingFoldsOf(ledger: RecordLedger): SpellingFold[] {
  const folds = new Map<string, SpellingFold>();
  let index = -1;
  for (const { record, count = 0, retracted } of ledger.values()) {
    index++;
    if (retracted || record.type !== 'CasualtiesReported') continue;
    const { outcome, party, source } = record.data;
    const spelling = sourceKey(source.name);
    const name = `${outcome}\0${party}\0${spelling}`;
    const before = folds.get(name);
    const figure = sourceFigureAfter(before?.figure ?? 0, record, count);
    folds.set(name, { outcome, party, spelling, figure, firstIndex: before?.firstIndex ?? index, firstName: before?.firstName ?? source.name, lastIndex: index });
  }
  return [...folds.values()];
}

/**
 * Spellings into sources, per outcome and party. Every spelling of a name is one source; a
 * registered source's names and aliases fold each on its own, and the source's figure is that of
 * the name that reported last: the registry says who spoke, it does not add up what two names
 * said, so a registration never raises a figure past those the incident's records gave (each
 * within `MAX_FIGURE`, as the decider checks them without the registry). A registered source shows
 * its registered name, any other its first spelling among the incident's live casualty records
 * (in any party and outcome, so one source has one name everywhere).
 */
function sourceFoldsOf(spellings: readonly SpellingFold[], directory: SourceDirectory): Record<Outcome, Map<Party, SourceFold[]>> {
  const resolved = spellings.map((fold) => ({ fold, source: resolveSource(directory, fold.firstName) }));
  const firsts = new Map<string, SpellingFold>();
  for (const { fold, source } of resolved) if (fold.firstIndex < (firsts.get(source.key)?.firstIndex ?? Infinity)) firsts.set(source.key, fold);
  const latest = new Map<string, { fold: SpellingFold; source: SourceFold }>();
  for (const { fold, source } of resolved) {
    const name = `${fold.outcome}\0${fold.party}\0${source.key}`;
    if (fold.lastIndex <= (latest.get(name)?.fold.lastIndex ?? -1)) continue;
    const shown = source.name ?? firsts.get(source.key)!.firstName;
    latest.set(name, { fold, source: { name: shown, figure: fold.figure, lastIndex: fold.lastIndex, reliability: source.reliability } });
  }
  const byOutcome: Record<Outcome, Map<Party, SourceFold[]>> = { killed: new Map(), injured: new Map() };
  for (const { fold, source } of latest.values()) {
    const byParty = byOutcome[fold.outcome];
    byParty.set(fold.party, [...(byParty.get(fold.party) ?? []), source]);
  }
  return byOutcome;
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

/** Rule 2 (under `policy`): `best` as `bestOf` chooses, `low`/`high` the extremes over sources; totals sum each separately. */
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
    parties.set(party, hostagesAfter(parties.get(party) ?? noHostages(party), record, count));
  }
  return PARTIES.flatMap((party) => parties.get(party) ?? []);
}

export const noHostages = (party: Party): HostageTally => ({ party, taken: 0, released: 0, rescued: 0, escaped: 0, killed: 0, held: 0 });

/** Rule 3's step: a party's hostage counts after one more of its live hostage records (`count`, as corrected). */
export function hostagesAfter(h: HostageTally, record: HostageRecord, count: number): HostageTally {
  return {
    ...h,
    taken: h.taken + (record.type === 'HostagesTaken' ? count : 0),
    released: h.released + (record.type === 'HostagesReleased' ? count : 0),
    rescued: h.rescued + (record.type === 'HostagesReleased' && record.data.how === 'rescued' ? count : 0),
    escaped: h.escaped + (record.type === 'HostagesReleased' && record.data.how === 'escaped' ? count : 0),
    killed: h.killed + (record.type === 'HostagesKilled' ? count : 0),
    held: h.held + (record.type === 'HostagesTaken' ? count : -count),
  };
}

export type HostageRecord = Extract<RecordEvent, { type: 'HostagesTaken' | 'HostagesReleased' | 'HostagesKilled' }>;
export const isHostageRecord = (record: RecordEvent): record is HostageRecord =>
  record.type === 'HostagesTaken' || record.type === 'HostagesReleased' || record.type === 'HostagesKilled';

/** Rule 4. */
const sumOf = (live: readonly LedgerEntry[], type: RecordEvent['type']): number =>
  live.reduce((sum, { record, count = 0 }) => sum + (record.type === type ? count : 0), 0);
