import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Party } from '../../domain/events.js';
import { PartyEnum } from './enums.graphql.js';

/** GraphQL shapes of the domain's `Tally` (SPEC §5); resolvers return the domain values as they are. */

@ObjectType('Figure', { description: 'best: figure of the source that reported last; low/high: extremes over sources' })
export class FigureType {
  @Field(() => Int) best!: number;
  @Field(() => Int) low!: number;
  @Field(() => Int) high!: number;
}

@ObjectType('SourceFigure')
export class SourceFigureType {
  @Field(() => String) name!: string;
  @Field(() => Int) figure!: number;
}

@ObjectType('PartyFigure')
export class PartyFigureType extends FigureType {
  @Field(() => PartyEnum) party!: Party;
  @Field(() => [SourceFigureType], { description: 'The per-source figures behind best/low/high, by source name' })
  sources!: SourceFigureType[];
}

@ObjectType('CasualtyTally', { description: 'total sums best, low and high over parties separately' })
export class CasualtyTallyType {
  @Field(() => FigureType) total!: FigureType;
  @Field(() => [PartyFigureType]) byParty!: PartyFigureType[];
}

@ObjectType('HostageTally', { description: 'held = taken − released − killed; rescued and escaped are parts of released' })
export class HostageTallyType {
  @Field(() => PartyEnum) party!: Party;
  @Field(() => Int) taken!: number;
  @Field(() => Int) released!: number;
  @Field(() => Int) rescued!: number;
  @Field(() => Int) escaped!: number;
  @Field(() => Int) killed!: number;
  @Field(() => Int) held!: number;
}

@ObjectType('Tally')
export class TallyType {
  @Field(() => CasualtyTallyType) killed!: CasualtyTallyType;
  @Field(() => CasualtyTallyType) injured!: CasualtyTallyType;
  @Field(() => [HostageTallyType]) hostages!: HostageTallyType[];
  @Field(() => Int) vehiclesSeized!: number;
  @Field(() => Int) weaponsSeized!: number;
  @Field(() => Int) arrests!: number;
}

@ObjectType('TallyGroupKey', { description: 'Only the fields named in groupBy are set; day is YYYY-MM-DD, month YYYY-MM (UTC)' })
export class TallyGroupKeyType {
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) admin1?: string | null;
  @Field(() => PartyEnum, { nullable: true }) party?: Party | null;
  @Field(() => String, { nullable: true }) day?: string | null;
  @Field(() => String, { nullable: true }) month?: string | null;
}

@ObjectType('TallyGroup', { description: 'Tallies summed over the incidents of one group (SPEC §3: across incidents by summing)' })
export class TallyGroupType {
  @Field(() => TallyGroupKeyType) key!: TallyGroupKeyType;
  @Field(() => Int, { description: 'How many incidents the group sums' }) incidents!: number;
  @Field(() => CasualtyTallyType) killed!: CasualtyTallyType;
  @Field(() => CasualtyTallyType) injured!: CasualtyTallyType;
  @Field(() => [HostageTallyType]) hostages!: HostageTallyType[];
  @Field(() => Int) vehiclesSeized!: number;
  @Field(() => Int) weaponsSeized!: number;
  @Field(() => Int) arrests!: number;
}
