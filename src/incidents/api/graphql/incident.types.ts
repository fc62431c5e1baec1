import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import type { Category, DatePrecision, GeoPrecision, IncidentStatus, LinkRelation, SourceKind } from '../../domain/events.js';
import { CategoryEnum, DatePrecisionEnum, GeoPrecisionEnum, IncidentStatusEnum, LinkRelationEnum, SourceKindEnum } from './enums.graphql.js';

@ObjectType('Location')
export class LocationType {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2' }) country!: string;
  @Field(() => String) admin1!: string;
  @Field(() => String) admin2!: string;
  @Field(() => String) place!: string;
  @Field(() => Float, { nullable: true }) lat?: number | null;
  @Field(() => Float, { nullable: true }) lon?: number | null;
  @Field(() => GeoPrecisionEnum) geoPrecision!: GeoPrecision;
}

@ObjectType('LinkedIncident')
export class LinkedIncidentType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
}

@ObjectType('IncidentLink', { description: 'A link between two incidents, shown from both sides' })
export class IncidentLinkType {
  @Field(() => LinkedIncidentType, { description: 'The incident at the other end' }) incident!: LinkedIncidentType;
  @Field(() => LinkRelationEnum) relation!: LinkRelation;
}

@ObjectType('Incident', { description: '`tally` and `timeline` are resolved on demand (batched across a list of incidents)' })
export class IncidentType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'Same as id (the field name REST and events use)' }) incidentId!: string;
  @Field(() => String) title!: string;
  @Field(() => CategoryEnum) category!: Category;
  @Field(() => String, { description: 'World time, ISO-8601, with the offset the reporter gave' }) occurredAt!: string;
  @Field(() => DatePrecisionEnum) datePrecision!: DatePrecision;
  @Field(() => String, { nullable: true, description: 'End of a date range that starts at occurredAt' }) occurredUntil!: string | null;
  @Field(() => LocationType) location!: LocationType;
  @Field(() => String) description!: string;
  @Field(() => [String]) tags!: string[];
  @Field(() => IncidentStatusEnum) status!: IncidentStatus;
  @Field(() => String, { description: 'Stream revision the view includes (for expectedRevision)' }) revision!: string;
  @Field(() => ID, { nullable: true, description: 'The incident this one was merged into (it then counts there, not here, in lists and cross-incident tallies)' })
  mergedInto!: string | null;
}

@ObjectType('IncidentPage')
export class IncidentPageType {
  @Field(() => [IncidentType]) items!: IncidentType[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) nextCursor!: string | null;
}

@ObjectType('Source')
export class SourceType {
  @Field(() => String) name!: string;
  @Field(() => SourceKindEnum) kind!: SourceKind;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => String, { nullable: true }) publishedAt?: string | null;
}

@ObjectType('TimelineEntry', { description: 'A record or note, ordered by occurredAt then record order' })
export class TimelineEntryType {
  @Field(() => ID) recordId!: string;
  @Field(() => String, { description: 'Event type of the record, e.g. CasualtiesReported' }) type!: string;
  @Field(() => String) occurredAt!: string;
  @Field(() => DatePrecisionEnum) datePrecision!: DatePrecision;
  @Field(() => String) recordedAt!: string;
  @Field(() => String, { description: 'One-line human summary' }) summary!: string;
  @Field(() => String, { nullable: true, description: "The text the summary shortens or leaves out: a note's text, a record's note (null when it has none)" }) text!: string | null;
  @Field(() => SourceType) source!: SourceType;
  @Field(() => Boolean) corrected!: boolean;
  @Field(() => Boolean) retracted!: boolean;
}

@ObjectType('TimelinePage')
export class TimelinePageType {
  @Field(() => [TimelineEntryType]) items!: TimelineEntryType[];
  @Field(() => String, { nullable: true }) nextCursor!: string | null;
}
