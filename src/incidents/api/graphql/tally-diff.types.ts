import { ArgsType, Extensions, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageSize } from '../inputs/input-fields.js';
import { MAX_CAUSES } from '../../audit/tally-diff.service.js';
import { OUTCOMES, type Outcome, PARTIES, type Party } from '../../domain/events.js';
import { COUNT_RECORDS } from '../../domain/tally-diff.js';
import { OutcomeEnum, PartyEnum } from './enums.graphql.js';
import type { ListExtensions } from './query-limits.js';
import { ofIncident, summed, TallyGroupKeyType } from './tally.types.js';

/** GraphQL shapes of tally diffs (`TallyDiffService`); REST answers the same shapes. */

@ObjectType('RecordChange', { description: 'An event that changed a counted record between the two cuts, with who recorded it' })
export class RecordChangeType {
  @Field(() => ID) recordId!: string;
  @Field(() => ID) incidentId!: string;
  @Field(() => String, { description: 'The record type, e.g. CasualtiesReported' }) type!: string;
  @Field(() => String, { description: 'recorded, corrected or retracted; merged: a merge brought the record to mergedInto' }) change!: string;
  @Field(() => String) source!: string;
  @Field(() => Float, { nullable: true, description: "The record's count after the change (Float, as the tally's figures)" }) count!: number | null;
  @Field(() => String, { description: 'Event-store position (decimal)' }) position!: string;
  @Field(() => String, { description: "The envelope's recordedAt" }) recordedAt!: string;
  @Field(() => String, { nullable: true, description: "The envelope's actor (the token's sub)" }) actor!: string | null;
  @Field(() => ID, { nullable: true, description: 'With change merged: the survivor the record counts under from then on' }) mergedInto!: string | null;
  @Field(() => ID, { nullable: true, description: 'With change merged: the incident merged (incidentId, or one merged into incidentId before)' }) mergedFrom!: string | null;
}

/** The change types of a diff, with figures as the tally they come from (the incident's or the sums'), named with `suffix`. */
function changeTypes(figures: typeof ofIncident, suffix: string) {
  @ObjectType(`RecordsCaused${suffix}`, { isAbstract: true })
  abstract class Caused {
    /** GraphQL's `records(first:)` (`CausesResolver`). */
    records!: RecordChangeType[];
    @Field(() => Int, { description: 'How many record changes there were' }) recordCount!: number;
  }

  @ObjectType(`CasualtyChange${suffix}`, { description: 'A party figure that differs; null: no such figure at that cut' })
  class CasualtyChangeType extends Caused {
    @Field(() => OutcomeEnum) outcome!: Outcome;
    @Field(() => PartyEnum) party!: Party;
    @Field(() => figures.PartyFigureType, { nullable: true }) before!: InstanceType<typeof figures.PartyFigureType> | null;
    @Field(() => figures.PartyFigureType, { nullable: true }) after!: InstanceType<typeof figures.PartyFigureType> | null;
  }

  @ObjectType(`HostageChange${suffix}`)
  class HostageChangeType extends Caused {
    @Field(() => PartyEnum) party!: Party;
    @Field(() => figures.HostageTallyType, { nullable: true }) before!: InstanceType<typeof figures.HostageTallyType> | null;
    @Field(() => figures.HostageTallyType, { nullable: true }) after!: InstanceType<typeof figures.HostageTallyType> | null;
  }

  @ObjectType(`CountChange${suffix}`)
  class CountChangeType extends Caused {
    @Field(() => String, { description: 'vehiclesSeized, weaponsSeized or arrests' }) figure!: string;
    @Field(() => Float) before!: number;
    @Field(() => Float) after!: number;
  }

  return { CasualtyChangeType, HostageChangeType, CountChangeType };
}

/** `records(first:)` of a change: the latest `first` of the record changes behind it. */
@ArgsType()
export class CausesArgs {
  @PageSize(`How many of the latest record changes (default and at most ${MAX_CAUSES})`, MAX_CAUSES, MAX_CAUSES)
  first?: number | null;
}

/** The most changes a diff lists of each kind, which GraphQL prices their records for: a figure per outcome and party, per party, per count. */
const CASUALTY_CHANGES: ListExtensions = { maxItems: OUTCOMES.length * PARTIES.length };
const HOSTAGE_CHANGES: ListExtensions = { maxItems: PARTIES.length };
const COUNT_CHANGES: ListExtensions = { maxItems: Object.keys(COUNT_RECORDS).length };

const incidentChanges = changeTypes(ofIncident, '');
const summedChanges = changeTypes(summed as unknown as typeof ofIncident, 'Sum');

/** Every type of change a diff lists, which `records(first:)` is resolved on. */
export const CHANGE_TYPES: readonly (new () => { records: RecordChangeType[] })[] = [...Object.values(incidentChanges), ...Object.values(summedChanges)];

@ObjectType('TallyDiff', { description: 'What changed in one incident’s tally between two cuts (positions), and the records that changed it' })
export class TallyDiffType {
  @Field(() => ID) incidentId!: string;
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => [incidentChanges.CasualtyChangeType]) @Extensions(CASUALTY_CHANGES) casualties!: InstanceType<typeof incidentChanges.CasualtyChangeType>[];
  @Field(() => [incidentChanges.HostageChangeType]) @Extensions(HOSTAGE_CHANGES) hostages!: InstanceType<typeof incidentChanges.HostageChangeType>[];
  @Field(() => [incidentChanges.CountChangeType]) @Extensions(COUNT_CHANGES) counts!: InstanceType<typeof incidentChanges.CountChangeType>[];
}

@ObjectType('TallyGroupDiff')
export class TallyGroupDiffType {
  @Field(() => TallyGroupKeyType) key!: TallyGroupKeyType;
  @Field(() => Int) incidentsBefore!: number;
  @Field(() => Int) incidentsAfter!: number;
  @Field(() => [summedChanges.CasualtyChangeType]) @Extensions(CASUALTY_CHANGES) casualties!: InstanceType<typeof summedChanges.CasualtyChangeType>[];
  @Field(() => [summedChanges.HostageChangeType]) @Extensions(HOSTAGE_CHANGES) hostages!: InstanceType<typeof summedChanges.HostageChangeType>[];
  @Field(() => [summedChanges.CountChangeType]) @Extensions(COUNT_CHANGES) counts!: InstanceType<typeof summedChanges.CountChangeType>[];
}

@ObjectType('TalliesDiff', { description: 'The groups whose tally or number of incidents differs between two cuts, by key' })
export class TalliesDiffType {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => [TallyGroupDiffType]) groups!: TallyGroupDiffType[];
}
