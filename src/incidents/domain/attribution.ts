import type { Outcome, Party } from './events.js';
import type { RecordLedger } from './record-ledger.js';
import { totalOf, type CasualtyTally, type Tally } from './tally.js';

/**
 * Who an incident's figures are attributed to (docs/actors.md, `groupBy: ACTOR`), by actor id as the
 * records name them. A (outcome, party) casualty figure — best, low, high and its sources — goes whole
 * to the perpetrator named on the latest live record of that pair that names one; a party's hostage
 * figures likewise, from its hostage records. Figures no record attributes are unattributed. Each
 * figure has one perpetrator, so the groups of one incident add up to its tally.
 */
export type Attribution = Readonly<{
  /** By `casualtyKey(outcome, party)`. */
  casualties: ReadonlyMap<string, string>;
  hostages: ReadonlyMap<Party, string>;
}>;

export const casualtyKey = (outcome: Outcome, party: Party): string => `${outcome}/${party}`;

export function attributionOf(ledger: RecordLedger): Attribution {
  const casualties = new Map<string, string>();
  const hostages = new Map<Party, string>();
  for (const { record, retracted } of ledger.values()) {
    if (retracted || !('perpetratorActorId' in record.data) || record.data.perpetratorActorId === undefined) continue;
    const perpetrator = record.data.perpetratorActorId;
    if (record.type === 'CasualtiesReported') casualties.set(casualtyKey(record.data.outcome, record.data.party), perpetrator);
    else hostages.set(record.data.party, perpetrator);
  }
  return { casualties, hostages };
}

/**
 * The part of `tally` attributed to `actor` (`null`: unattributed), with actors answered as
 * `survivorOf` them (after merges). Seizures and arrests are attributed to no one: they stay whole
 * in every part, as grouping by party keeps them.
 */
export function attributedTally(tally: Tally, attribution: Attribution, actor: string | null, survivorOf: (actorId: string) => string): Tally {
  const owner = (actorId: string | undefined): string | null => (actorId === undefined ? null : survivorOf(actorId));
  const narrow = (outcome: Outcome, casualties: CasualtyTally): CasualtyTally => {
    const byParty = casualties.byParty.filter(({ party }) => owner(attribution.casualties.get(casualtyKey(outcome, party))) === actor);
    return { total: totalOf(byParty), byParty };
  };
  return {
    ...tally,
    killed: narrow('killed', tally.killed),
    injured: narrow('injured', tally.injured),
    hostages: tally.hostages.filter(({ party }) => owner(attribution.hostages.get(party)) === actor),
  };
}

/**
 * The perpetrators (as survivors, `null` for unattributed) that `tally`'s figures are attributed to,
 * each once, unattributed first; an incident without casualty or hostage figures is unattributed.
 */
export function perpetratorsOf(tally: Tally, attribution: Attribution, survivorOf: (actorId: string) => string): (string | null)[] {
  const owner = (actorId: string | undefined): string | null => (actorId === undefined ? null : survivorOf(actorId));
  const owners = [
    ...tally.killed.byParty.map(({ party }) => owner(attribution.casualties.get(casualtyKey('killed', party)))),
    ...tally.injured.byParty.map(({ party }) => owner(attribution.casualties.get(casualtyKey('injured', party)))),
    ...tally.hostages.map(({ party }) => owner(attribution.hostages.get(party))),
  ];
  if (owners.length === 0) return [null];
  const actors = [...new Set(owners)].filter((owner) => owner !== null).sort();
  return owners.includes(null) ? [null, ...actors] : actors;
}

/**
 * The actors an incident involves, as named (merges not yet followed), for the filters `actorId` and
 * `actorType` (docs/actors.md): those `attached` to it in any role, and the perpetrators
 * its figures are attributed to (`perpetratorsOf`). So every incident an ACTOR group counts matches
 * that actor's filter. Each actor once, attached first.
 */
export function involvedActors(attached: Iterable<string>, tally: Tally, attribution: Attribution): string[] {
  const perpetrators = perpetratorsOf(tally, attribution, (actorId) => actorId).filter((actorId) => actorId !== null);
  return [...new Set([...attached, ...perpetrators])];
}
