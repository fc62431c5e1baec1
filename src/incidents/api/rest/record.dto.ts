import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  BASES,
  DATE_PRECISIONS,
  OUTCOMES,
  PARTIES,
  RELEASE_HOWS,
  type Basis,
  type DatePrecision,
  type Outcome,
  type Party,
  type ReleaseHow,
} from '../../domain/events.js';
import { SourceDto } from './source.dto.js';
import { Count, Nested, OneOf, Text, Time, Uuid } from './validation.decorators.js';

const PERPETRATOR = 'The actor of the registry who did it (must exist)';

/** What every record and note body carries (SPEC §5). */
export class RecordBaseDto {
  @Uuid('Client-chosen record id; assigned by the server when absent')
  recordId?: string;

  @Time('2019-11-30T13:30:00-06:00')
  occurredAt!: string;

  @OneOf(DATE_PRECISIONS, 'exact', false)
  datePrecision?: DatePrecision;

  @Nested(() => SourceDto)
  source!: SourceDto;

  @Text(2_000, 'Figure from the first press conference', false)
  note?: string;
}

export class CasualtiesDto extends RecordBaseDto {
  @OneOf(PARTIES, 'armed_group')
  party!: Party;

  @OneOf(OUTCOMES, 'killed')
  outcome!: Outcome;

  /** 0 is allowed only with `basis: cumulative` (checked by the domain). */
  @Count(0)
  count!: number;

  @OneOf(BASES, 'incremental')
  basis!: Basis;

  @Uuid(PERPETRATOR)
  perpetratorActorId?: string;
}

export class HostagesDto extends RecordBaseDto {
  @OneOf(PARTIES, 'civilian')
  party!: Party;

  @Count(1, 4)
  count!: number;

  @Uuid(PERPETRATOR)
  perpetratorActorId?: string;
}

export class HostagesReleasedDto extends HostagesDto {
  @OneOf(RELEASE_HOWS, 'released')
  how!: ReleaseHow;
}

export class VehiclesDto extends RecordBaseDto {
  @Count(1, 17)
  count!: number;

  @Text(200, 'armed pickup')
  vehicleKind!: string;
}

export class WeaponsDto extends RecordBaseDto {
  @Count(1, 20)
  count!: number;

  @Text(200, 'assault rifle')
  weaponKind!: string;
}

export class ArrestsDto extends RecordBaseDto {
  @Count(1, 2)
  count!: number;
}

export class NoteDto extends RecordBaseDto {
  @Text(10_000, 'Shooting lasted about 90 minutes')
  text!: string;
}

export class CorrectionDto {
  @Count(0, 14)
  count!: number;

  @Text(2_000, 'Revised official figure')
  reason!: string;
}

export class RetractionDto {
  @Text(2_000, 'Duplicate of another report')
  reason!: string;
}

/** SPEC §5: what every write answers. */
@ApiSchema({ name: 'CommandResult' })
export class CommandResultDto {
  @ApiProperty({ format: 'uuid' })
  incidentId!: string;

  @ApiProperty({ format: 'uuid', required: false })
  recordId?: string;

  @ApiProperty({ description: "The incident stream's revision after the write", example: '3' })
  revision!: string;

  @ApiProperty({ description: 'Event-store position of the write, for ?consistentWith=', example: '4294967296' })
  position!: string;
}
