import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { TallyTimeQueryDto } from './tally-time-query.dto.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../exports/csv-columns.js';
import { CHANGE_KINDS, type ChangeFeedItem, type ChangeKind } from '../../read-models/incident-summary/change-feed.queries.js';
import { GROUP_BY, type GroupBy } from '../../domain/tally-groups.js';
import { IncidentFilterInput } from '../inputs/incident-filter.inputs.js';
import { PageQueryDto, ReadQueryDto } from './incident-queries.dto.js';
import { Cursor } from './validation.decorators.js';

/** `GET /incidents`' filters (same rules), without paging. */
export class IncidentFilterQueryDto extends IntersectionType(ReadQueryDto, IncidentFilterInput) {}

/** Filters plus `asOf` and `bestPolicy` (as `GET /incidents/{id}/tally` takes them). */
export class AsOfFilterQueryDto extends IntersectionType(IncidentFilterQueryDto, PickType(TallyTimeQueryDto, ['asOf', 'bestPolicy'] as const)) {}

export class TalliesQueryDto extends AsOfFilterQueryDto {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' || Array.isArray(value) ? [value].flat().flatMap((v) => String(v).split(',')) : value))
  @IsArray()
  @IsIn(GROUP_BY, { each: true, message: `groupBy must be a comma-separated list of ${GROUP_BY.join(', ')}` })
  @ApiPropertyOptional({ type: String, description: `Comma-separated, any of ${GROUP_BY.join(', ')}; none: one group with every matching incident`, example: 'COUNTRY,MONTH' })
  groupBy?: GroupBy[];
}

export class IncidentExportQueryDto extends AsOfFilterQueryDto {
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'native', description: 'Column set (docs/exports.md)' })
  format?: ExportFormat;
}

export class ChangesQueryDto extends PickType(PageQueryDto, ['first', 'consistentWith'] as const) {
  @Cursor('The `cursor` of the last change already applied, or a position: the changes after every one at it (default 0: from the start)')
  after?: string;
}

export class ChangeFeedItemDto implements ChangeFeedItem {
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ description: 'Position of the last event applied to the incident (decimal string)', example: '51904513' }) position!: string;
  @ApiProperty({ enum: CHANGE_KINDS }) change!: ChangeKind;
  @ApiProperty({ description: 'Pass as `after` to resume just after this item (several incidents can share a position)' }) cursor!: string;
}

export class ChangePageDto {
  @ApiProperty({ type: [ChangeFeedItemDto] }) items!: ChangeFeedItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null when caught up' }) nextCursor!: string | null;
}
