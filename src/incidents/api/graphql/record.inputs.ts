import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsUrl } from 'class-validator';
import {
  BASES,
  DATE_PRECISIONS,
  OUTCOMES,
  PARTIES,
  RELEASE_HOWS,
  SOURCE_KINDS,
  type Basis,
  type DatePrecision,
  type Outcome,
  type Party,
  type ReleaseHow,
  type SourceKind,
} from '../../domain/events.js';
import { BasisEnum, DatePrecisionEnum, OutcomeEnum, PartyEnum, ReleaseHowEnum, SourceKindEnum } from './enums.graphql.js';
import { CountField, EnumField, NestedField, TextField, TimeField, UuidField } from './input.decorators.js';

const PERPETRATOR = 'The actor of the registry who did it (must exist)';

@InputType('SourceInput')
export class SourceInputType {
  @TextField(200) name!: string;
  @EnumField(SourceKindEnum, SOURCE_KINDS) kind!: SourceKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url?: string;

  @TimeField(false) publishedAt?: string;
}

/** What every record and note input carries (SPEC §5). */
@InputType({ isAbstract: true })
export class RecordInputType {
  @UuidField('Client-chosen record id; assigned by the server when absent') recordId?: string;
  @TimeField(true, 'When it happened in the world, ISO-8601') occurredAt!: string;
  @EnumField(DatePrecisionEnum, DATE_PRECISIONS, false) datePrecision?: DatePrecision;
  @NestedField(() => SourceInputType) source!: SourceInputType;
  @TextField(2_000, false) note?: string;
}

@InputType('ReportCasualtiesInput')
export class ReportCasualtiesInputType extends RecordInputType {
  @EnumField(PartyEnum, PARTIES) party!: Party;
  @EnumField(OutcomeEnum, OUTCOMES) outcome!: Outcome;
  /** 0 is allowed only with `basis: CUMULATIVE` (checked by the domain). */
  @CountField(0) count!: number;
  @EnumField(BasisEnum, BASES) basis!: Basis;
  @UuidField(PERPETRATOR) perpetratorActorId?: string;
}

@InputType('HostagesInput', { description: 'Hostages taken or killed' })
export class HostagesInputType extends RecordInputType {
  @EnumField(PartyEnum, PARTIES) party!: Party;
  @CountField(1) count!: number;
  @UuidField(PERPETRATOR) perpetratorActorId?: string;
}

@InputType('HostagesReleasedInput')
export class HostagesReleasedInputType extends HostagesInputType {
  @EnumField(ReleaseHowEnum, RELEASE_HOWS) how!: ReleaseHow;
}

@InputType('VehiclesSeizedInput')
export class VehiclesSeizedInputType extends RecordInputType {
  @CountField(1) count!: number;
  @TextField(200, true, 'Free text, e.g. "armed pickup"') vehicleKind!: string;
}

@InputType('WeaponsSeizedInput')
export class WeaponsSeizedInputType extends RecordInputType {
  @CountField(1) count!: number;
  @TextField(200) weaponKind!: string;
}

@InputType('ArrestsInput')
export class ArrestsInputType extends RecordInputType {
  @CountField(1) count!: number;
}

@InputType('TimelineNoteInput')
export class TimelineNoteInputType extends RecordInputType {
  @TextField(10_000) text!: string;
}

@InputType('CorrectRecordInput')
export class CorrectRecordInputType {
  @CountField(0) count!: number;
  @TextField(2_000) reason!: string;
}

@InputType('RetractRecordInput')
export class RetractRecordInputType {
  @TextField(2_000) reason!: string;
}

