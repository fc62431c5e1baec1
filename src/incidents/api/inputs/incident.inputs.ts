import { InputType } from '@nestjs/graphql';
import type { Category, DatePrecision, GeoPrecision, LinkRelation } from '../../domain/events.js';
import { CategoryEnum, DatePrecisionEnum, GeoPrecisionEnum, LinkRelationEnum } from '../graphql/enums.graphql.js';
import { Coordinate, Country, Nested, OneOf, PartialInputType, Tags, Text, Time, Uuid } from './input-fields.js';

/** The bodies of incident commands: one class each for the REST body, its OpenAPI schema and the GraphQL input. */

@InputType('LocationInput')
export class LocationDto {
  @Country()
  country!: string;

  @Text(200, { example: 'Coahuila' })
  admin1!: string;

  @Text(200, { required: false, example: 'Villa Unión' })
  admin2?: string;

  @Text(200, { required: false, example: 'Municipal building' })
  place?: string;

  @Coordinate('lat', 28.22)
  lat?: number;

  @Coordinate('lon', -100.72)
  lon?: number;

  @OneOf(GeoPrecisionEnum, { required: false, example: 'point' })
  geoPrecision?: GeoPrecision;
}

@InputType('OpenIncidentInput')
export class OpenIncidentDto {
  @Uuid({ description: 'Client-chosen id; assigned by the server when absent' })
  incidentId?: string;

  @Text(300, { example: 'Attack on Villa Unión' })
  title!: string;

  @OneOf(CategoryEnum, { example: 'battle' })
  category!: Category;

  @Time({ example: '2019-11-30T12:00:00-06:00' })
  occurredAt!: string;

  @OneOf(DatePrecisionEnum, { required: false, example: 'exact' })
  datePrecision?: DatePrecision;

  @Time({ required: false, description: 'End of a date range that starts at occurredAt, ISO-8601', example: '2019-11-30T14:00:00-06:00' })
  occurredUntil?: string;

  @Nested(() => LocationDto)
  location!: LocationDto;

  @Text(10_000, { required: false, example: 'A convoy of gunmen entered the town and fought police.' })
  description?: string;

  @Tags(['cartel', 'coahuila'])
  tags?: string[];
}

@InputType('AmendIncidentInput', { description: 'Only the fields given change' })
export class AmendIncidentDto extends PartialInputType(OpenIncidentDto, ['incidentId'] as const) {}

@InputType('LifecycleInput')
export class LifecycleDto {
  @Text(2_000, { required: false, example: 'Operations concluded' })
  reason?: string;
}

@InputType('LinkIncidentsInput')
export class LinkIncidentDto {
  @Uuid({ required: true, description: 'The incident to link to; it must exist' })
  otherIncidentId!: string;

  @OneOf(LinkRelationEnum, { example: 'same_campaign' })
  relation!: LinkRelation;
}

@InputType('MergeIncidentInput')
export class MergeIncidentDto {
  @Uuid({ required: true, description: 'The incident this one is a duplicate of; if it was itself merged, the incident it was merged into' })
  into!: string;
}
