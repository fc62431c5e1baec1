import { ActorRefType } from '../../../actors/api/graphql/actor.types.js';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { Party } from '../../domain/events.js';
import { PartyEnum } from './enums.graphql.js';

/** GraphQL shapes of the domain's `Tally` (docs/api.md); resolvers return the domain values as they are. */

/**
 * The figure types of a tally, its numbers `Float` (exact for every integer up to 2^53): sums over
 * incidents pass `Int`'s 32 bits (215 incidents at docs/figure-limits.md's cap of 10,000,000 pass
 * 2^31), and so may one incident's figures where its history holds events written before the cap or
 * imported (the read model's figure columns are `bigint` for the same reason). The sum types are
 * named as the incident's with `suffix`.
 */
function figureTypes(suffix: string, sumsOf: string) {
  @ObjectType(`Figure${suffix}`, { description: `${sumsOf}best: figure of the source that reported last; low/high: extremes over sources` })
  class FigureType {
    @Field(() => Float) best!: number;
    @Field(() => Float) low!: number;
    @Field(() => Float) high!: number;
  }

  @ObjectType(`SourceFigure${suffix}`)
  class SourceFigureType {
    @Field(() => String) name!: string;
    @Field(() => Float) figure!: number;
  }

  @ObjectType(`PartyFigure${suffix}`)
  class PartyFigureType extends FigureType {
    @Field(() => PartyEnum) party!: Party;
    @Field(() => String, { nullable: true, description: `The source whose figure is best under the policy${sumsOf ? '; null in sums over incidents' : ''}` })
    bestSource!: string | null;
    @Field(() => Int, { description: 'How many sources give a figure (over incidents: distinct sources)' })
    numberOfSources!: number;
    @Field(() => [SourceFigureType], { description: 'The per-source figures behind best/low/high, by source name' })
    sources!: SourceFigureType[];
  }

  @ObjectType(`CasualtyTally${suffix}`, { description: `${sumsOf}total sums best, low and high over parties separately` })
  class CasualtyTallyType {
    @Field(() => FigureType) total!: FigureType;
    @Field(() => [PartyFigureType]) byParty!: PartyFigureType[];
  }

  @ObjectType(`HostageTally${suffix}`, { description: `${sumsOf}held = taken − released − killed; rescued and escaped are parts of released` })
  class HostageTallyType {
    @Field(() => PartyEnum) party!: Party;
    @Field(() => Float) taken!: number;
    @Field(() => Float) released!: number;
    @Field(() => Float) rescued!: number;
    @Field(() => Float) escaped!: number;
    @Field(() => Float) killed!: number;
    @Field(() => Float) held!: number;
  }

  /** `Tally`'s six fields, shared by the incident's `Tally` and the sums' `TallyGroup`. */
  @ObjectType({ isAbstract: true })
  abstract class TallyFields {
    @Field(() => CasualtyTallyType) killed!: CasualtyTallyType;
    @Field(() => CasualtyTallyType) injured!: CasualtyTallyType;
    @Field(() => [HostageTallyType]) hostages!: HostageTallyType[];
    @Field(() => Float) vehiclesSeized!: number;
    @Field(() => Float) weaponsSeized!: number;
    @Field(() => Float) arrests!: number;
  }

  return { CasualtyTallyType, HostageTallyType, PartyFigureType, TallyFields };
}

export const ofIncident = figureTypes('', '');
export const summed = figureTypes('Sum', 'Summed over incidents (Float: exact integers up to 2^53). ');

/**
 * How an incident's past-moment fields (`tally`, `tallyDiff`) fail: null, with the error at the field's
 * path, so one incident that cannot be read as asked (it did not exist at the cut) leaves the rest of a
 * list standing.
 */
export const ITS_OWN_ERROR = "null, with the error at this field's path, when it cannot be read as asked (INCIDENT.NOT_FOUND: the incident did not exist at the cut; INPUT.INVALID: a cut that does not parse)";

@ObjectType('Tally')
export class TallyType extends ofIncident.TallyFields {}

@ObjectType('TallyGroupKey', {
  description: "Only the fields named in groupBy are set; day is YYYY-MM-DD and month YYYY-MM of the incident's local date (the calendar date in the offset its occurredAt was given with), not UTC",
})
export class TallyGroupKeyType {
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) admin1?: string | null;
  @Field(() => PartyEnum, { nullable: true, description: 'With PARTY: the party the figures are narrowed to; null for the group of the incidents with no casualty or hostage figure' })
  party?: Party | null;
  @Field(() => ActorRefType, { nullable: true, description: 'With ACTOR: the perpetrator (as its survivor); null for the unattributed group' })
  actor?: ActorRefType | null;
  @Field(() => String, { nullable: true }) day?: string | null;
  @Field(() => String, { nullable: true }) month?: string | null;
}

@ObjectType('TallyGroup', {
  description: 'Tallies summed over the incidents of one group (a cross-incident tally is the sum of its incidents); figures are Float, exact integers up to 2^53, so sums never overflow',
})
export class TallyGroupType extends summed.TallyFields {
  @Field(() => TallyGroupKeyType) key!: TallyGroupKeyType;
  @Field(() => Int, { description: 'How many incidents the group sums' }) incidents!: number;
}
