import { sourceKey } from '../../sources/domain/source-key.js';
import { PARTIES, type Party } from './events.js';
import {
  byName,
  HOSTAGE_COUNTS,
  tallyOfLedger,
  totalOf,
  type CasualtyTally,
  type HostageTally,
  type PartyFigure,
  type Tally,
} from './tally.js';

/**
 * Tallies across incidents (docs/tallies.md "Across incidents"): every
 * figure is summed per party — `best`, `low` and `high` separately, and each source's figure by
 * source (told apart by `sourceKey`, shown by the spelling that sorts first) — so a group's tally is
 * the sum of its incidents' tallies and never re-applies rules. A sum names no `bestSource`; its
 * `numberOfSources` counts the distinct sources summed.
 */

export const emptyTally: Tally = tallyOfLedger(new Map());

export function sumTallies(tallies: Iterable<Tally>): Tally {
  const all = [...tallies];
  return {
    killed: sumCasualties(all.map((t) => t.killed)),
    injured: sumCasualties(all.map((t) => t.injured)),
    hostages: sumHostages(all.flatMap((t) => t.hostages)),
    vehiclesSeized: all.reduce((sum, t) => sum + t.vehiclesSeized, 0),
    weaponsSeized: all.reduce((sum, t) => sum + t.weaponsSeized, 0),
    arrests: all.reduce((sum, t) => sum + t.arrests, 0),
  };
}

/**
 * The tally as far as one party is concerned (grouping by party): casualty and hostage figures of
 * that party only; seizures and arrests have no party and stay whole.
 */
export function narrowTally(tally: Tally, party: Party): Tally {
  const narrow = (casualties: CasualtyTally): CasualtyTally => {
    const byParty = casualties.byParty.filter((p) => p.party === party);
    return { total: totalOf(byParty), byParty };
  };
  return {
    ...tally,
    killed: narrow(tally.killed),
    injured: narrow(tally.injured),
    hostages: tally.hostages.filter((h) => h.party === party),
  };
}

function sumCasualties(tallies: readonly CasualtyTally[]): CasualtyTally {
  const byParty = PARTIES.flatMap((party) => {
    const figures = tallies.flatMap((t) => t.byParty.filter((p) => p.party === party));
    return figures.length === 0 ? [] : [sumPartyFigures(party, figures)];
  });
  return { total: totalOf(byParty), byParty };
}

function sumPartyFigures(party: Party, figures: readonly PartyFigure[]): PartyFigure {
  const sources = new Map<string, { name: string; figure: number }>();
  for (const { name, figure } of figures.flatMap((f) => f.sources)) {
    const key = sourceKey(name);
    const sum = sources.get(key);
    sources.set(key, { name: sum === undefined || name < sum.name ? name : sum.name, figure: (sum?.figure ?? 0) + figure });
  }
  return { party, ...totalOf(figures), bestSource: null, numberOfSources: sources.size, sources: [...sources.values()].sort(byName) };
}

function sumHostages(hostages: readonly HostageTally[]): HostageTally[] {
  return PARTIES.flatMap((party) => {
    const ofParty = hostages.filter((h) => h.party === party);
    if (ofParty.length === 0) return [];
    const sums = HOSTAGE_COUNTS.map((key) => [key, ofParty.reduce((total, h) => total + h[key], 0)]);
    return [{ party, ...(Object.fromEntries(sums) as Omit<HostageTally, 'party'>) }];
  });
}
