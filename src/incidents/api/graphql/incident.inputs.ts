import { Field, InputType, OmitType, PartialType } from '@nestjs/graphql';
import { IsISO31661Alpha2 } from 'class-validator';
import { CATEGORIES, DATE_PRECISIONS, GEO_PRECISIONS, type Category, type DatePrecision, type GeoPrecision } from '../../domain/events.js';
import { CategoryEnum, DatePrecisionEnum, GeoPrecisionEnum } from './enums.graphql.js';
import { CoordinateField, EnumField, NestedField, TagsField, TextField, TimeField, UuidField } from './input.decorators.js';

@InputType('LocationInput')
export class LocationInputType {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  country!: string;

  @TextField(200) admin1!: string;
  @TextField(200, false) admin2?: string;
  @TextField(200, false) place?: string;

  @CoordinateField('lat')
  lat?: number;

  @CoordinateField('lon')
  lon?: number;

  @EnumField(GeoPrecisionEnum, GEO_PRECISIONS, false) geoPrecision?: GeoPrecision;
}

@InputType('OpenIncidentInput')
export class OpenIncidentInputType {
  @UuidField('Client-chosen id; assigned by the server when absent') incidentId?: string;
  @TextField(300) title!: string;
  @EnumField(CategoryEnum, CATEGORIES) category!: Category;
  @TimeField() occurredAt!: string;
  @EnumField(DatePrecisionEnum, DATE_PRECISIONS, false) datePrecision?: DatePrecision;
  @TimeField(false, 'End of a date range that starts at occurredAt, ISO-8601') occurredUntil?: string;
  @NestedField(() => LocationInputType) location!: LocationInputType;
  @TextField(10_000, false) description?: string;
  @TagsField() tags?: string[];
}

@InputType('AmendIncidentInput', { description: 'Only the fields given change' })
export class AmendIncidentInputType extends PartialType(OmitType(OpenIncidentInputType, ['incidentId'] as const), InputType) {}

@InputType('LifecycleInput')
export class LifecycleInputType {
  @TextField(2_000, false) reason?: string;
}
