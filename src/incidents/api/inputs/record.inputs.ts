import { Field, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUrl } from 'class-validator';
import type { Basis, DatePrecision, Outcome, Party, ReleaseHow, SourceKind } from '../../domain/events.js';
import { BasisEnum, DatePrecisionEnum, OutcomeEnum, PartyEnum, ReleaseHowEnum, SourceKindEnum } from '../graphql/enums.graphql.js';
import { Count, Nested, OneOf, Text, Time, Uuid } from './input-fields.js';

/**
 * The bodies of record commands (docs/api.md): each class is the REST body and its OpenAPI schema (named
 * by the class) and the GraphQL input (named by `@InputType`).
 */

const PERPETRATOR = { description: 'The actor of the registry who did it (must exist)' };

@InputType('SourceInput')
export class SourceDto {
  @Text(200, { example: 'Coahuila state government' })
  name!: string;

  @OneOf(SourceKindEnum, { example: 'government' })
  kind!: SourceKind;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @ApiPropertyOptional({ type: String, format: 'uri', example: 'https://coahuila.gob.mx/noticias' })
  @Field(() => String, { nullable: true })
  url?: string;

  @Time({ required: false, example: '2019-12-01T18:00:00Z' })
  publishedAt?: string;
}

/** What every record and note body carries. */
@InputType({ isAbstract: true })
export class RecordBaseDto {
  @Uuid({ description: 'Client-chosen record id; assigned by the server when absent' })
  recordId?: string;

  @Time({ description: 'When it happened in the world, ISO-8601', example: '2019-11-30T13:30:00-06:00' })
  occurredAt!: string;

  @OneOf(DatePrecisionEnum, { required: false, example: 'exact' })
  datePrecision?: DatePrecision;

  @Nested(() => SourceDto)
  source!: SourceDto;

  @Text(2_000, { required: false, example: 'Figure from the first press conference' })
  note?: string;
}

@InputType('ReportCasualtiesInput')
export class CasualtiesDto extends RecordBaseDto {
  @OneOf(PartyEnum, { example: 'armed_group' })
  party!: Party;

  @OneOf(OutcomeEnum, { example: 'killed' })
  outcome!: Outcome;

  /** 0 is allowed only with `basis: cumulative` (checked by the domain). */
  @Count(0)
  count!: number;

  @OneOf(BasisEnum, { example: 'incremental' })
  basis!: Basis;

  @Uuid(PERPETRATOR)
  perpetratorActorId?: string;
}

@InputType('HostagesInput', { description: 'Hostages taken or killed' })
export class HostagesDto extends RecordBaseDto {
  @OneOf(PartyEnum, { example: 'civilian' })
  party!: Party;

  @Count(1, 4)
  count!: number;

  @Uuid(PERPETRATOR)
  perpetratorActorId?: string;
}

@InputType('HostagesReleasedInput')
export class HostagesReleasedDto extends HostagesDto {
  @OneOf(ReleaseHowEnum, { example: 'released' })
  how!: ReleaseHow;
}

@InputType('VehiclesSeizedInput')
export class VehiclesDto extends RecordBaseDto {
  @Count(1, 17)
  count!: number;

  @Text(200, { description: 'Free text, e.g. "armed pickup"', example: 'armed pickup' })
  vehicleKind!: string;
}

@InputType('WeaponsSeizedInput')
export class WeaponsDto extends RecordBaseDto {
  @Count(1, 20)
  count!: number;

  @Text(200, { example: 'assault rifle' })
  weaponKind!: string;
}

@InputType('ArrestsInput')
export class ArrestsDto extends RecordBaseDto {
  @Count(1, 2)
  count!: number;
}

@InputType('TimelineNoteInput')
export class NoteDto extends RecordBaseDto {
  @Text(10_000, { example: 'Shooting lasted about 90 minutes' })
  text!: string;
}

@InputType('CorrectRecordInput')
export class CorrectionDto {
  @Count(0, 14)
  count!: number;

  @Text(2_000, { example: 'Revised official figure' })
  reason!: string;
}

@InputType('RetractRecordInput')
export class RetractionDto {
  @Text(2_000, { example: 'Duplicate of another report' })
  reason!: string;
}
