import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { JsonObject } from '../../../event-store/event-store.port.js';
import type { ChainBreakFinding } from '../../audit/hash-chain-verification.js';
import type { QuarantineReport } from '../../../projections/quarantine.js';
import type { ReadModelDifference } from '../../audit/read-model-verification.js';
import type { VerifyReport } from '../../audit/verify.service.js';

/*
 * The OpenAPI form of `VerifyReport`, which has no GraphQL type to share. Each class implements the
 * interface it documents, so a field added there and not here fails the type check.
 */

const ROW = { type: 'object', additionalProperties: true } as const;

@ApiSchema({ name: 'ChainBreak' })
class ChainBreakDto implements ChainBreakFinding {
  @ApiProperty({ example: 'incident-0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69' }) stream!: string;
  @ApiProperty({ description: 'Revision of the first event whose hash does not match', example: '3' }) revision!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: 'Hash recomputed from the stream' }) expectedHash!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Hash stored in the event metadata' }) storedHash!: string | null;
}

@ApiSchema({ name: 'ReadModelDifference' })
class ReadModelDifferenceDto implements ReadModelDifference {
  @ApiProperty({ example: 'incident_summary' }) table!: string;
  @ApiProperty({ ...ROW, description: "The row's primary key" }) key!: JsonObject;
  @ApiProperty({ type: [String], description: 'Columns whose values differ; every column when the row is missing on one side' }) columns!: string[];
  @ApiProperty({ ...ROW, nullable: true, description: 'The stored row; null when the replay has a row the read model lacks' }) readModel!: JsonObject | null;
  @ApiProperty({ ...ROW, nullable: true, description: 'The replayed row; null when the read model has a row the replay does not' }) replay!: JsonObject | null;
}

@ApiSchema({ name: 'QuarantinedStream' })
class QuarantinedStreamDto implements QuarantineReport {
  @ApiProperty({ example: 'incidents' }) projection!: string;
  @ApiProperty({ example: 'incident-0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69' }) stream!: string;
  @ApiProperty({ description: '$all position of the event that failed; it and every later event of the stream are skipped', example: '51904513' }) position!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'CasualtiesReported' }) eventType!: string;
  @ApiProperty({ description: 'The error the event failed with when applied alone' }) error!: string;
  @ApiProperty({ format: 'date-time', description: 'When the batch holding the event first failed' }) firstFailedAt!: string;
  @ApiProperty({ type: 'integer', description: 'Times the event was tried alone' }) attempts!: number;
}

@ApiSchema({ name: 'VerifyReport' })
export class VerifyReportDto implements VerifyReport {
  @ApiProperty({ description: 'False on any finding' }) ok!: boolean;
  @ApiProperty({ type: 'integer', description: 'Incident streams checked' }) streams!: number;
  @ApiProperty({ type: 'integer', description: 'Events checked' }) events!: number;
  @ApiProperty({ type: () => [ChainBreakDto], description: 'Per stream, its first event whose hash does not match' }) chainBreaks!: ChainBreakDto[];
  @ApiProperty({ type: () => [ReadModelDifferenceDto], description: 'Read-model rows that differ from a fresh replay of the events' })
  readModelDifferences!: ReadModelDifferenceDto[];
  @ApiProperty({ type: () => [QuarantinedStreamDto], description: 'Streams the projection set aside: their read models stop before the event that failed (rebuild retries them)' })
  quarantined!: QuarantinedStreamDto[];
  @ApiProperty({ type: [String], description: 'Projections that have not applied the latest events yet: their read models were compared as far as they got' })
  behind!: string[];
}
