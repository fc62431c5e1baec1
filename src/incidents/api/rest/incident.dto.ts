import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsISO31661Alpha2 } from 'class-validator';
import { CATEGORIES, DATE_PRECISIONS, GEO_PRECISIONS, type Category, type DatePrecision, type GeoPrecision } from '../../domain/events.js';
import { Coordinate, Nested, OneOf, Tags, Text, Time, Uuid } from './validation.decorators.js';

export class LocationDto {
  @IsISO31661Alpha2()
  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'MX' })
  country!: string;

  @Text(200, 'Coahuila')
  admin1!: string;

  @Text(200, 'Villa Unión', false)
  admin2?: string;

  @Text(200, 'Municipal building', false)
  place?: string;

  @Coordinate('lat', 28.22)
  lat?: number;

  @Coordinate('lon', -100.72)
  lon?: number;

  @OneOf(GEO_PRECISIONS, 'point', false)
  geoPrecision?: GeoPrecision;
}

export class OpenIncidentDto {
  @Uuid('Client-chosen id; assigned by the server when absent')
  incidentId?: string;

  @Text(300, 'Attack on Villa Unión')
  title!: string;

  @OneOf(CATEGORIES, 'battle')
  category!: Category;

  @Time('2019-11-30T12:00:00-06:00')
  occurredAt!: string;

  @OneOf(DATE_PRECISIONS, 'exact', false)
  datePrecision?: DatePrecision;

  @Time('2019-11-30T14:00:00-06:00', false)
  occurredUntil?: string;

  @Nested(() => LocationDto)
  location!: LocationDto;

  @Text(10_000, 'A convoy of gunmen entered the town and fought police.', false)
  description?: string;

  @Tags(['cartel', 'coahuila'])
  tags?: string[];
}

export class AmendIncidentDto extends PartialType(OmitType(OpenIncidentDto, ['incidentId'] as const)) {}

export class LifecycleDto {
  @Text(2_000, 'Operations concluded', false)
  reason?: string;
}
