import { IntersectionType } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../common/page.js';
import { IncidentFilterInput } from '../inputs/incident-filter.inputs.js';
import { Cursor, PageSize, Position } from './validation.decorators.js';

/** `?consistentWith=<position>`: wait (bounded) until the read models include this position, else 503. */
export class ReadQueryDto {
  @Position('A position returned by a write; waits (bounded, then 503) until the read models include it')
  consistentWith?: string;
}

export class PageQueryDto extends ReadQueryDto {
  @PageSize(`Page size, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}`, DEFAULT_PAGE_SIZE)
  first?: number;

  @Cursor() after?: string;
}

/** `GET /incidents`: a page of the incidents that pass the filters. */
export class ListIncidentsQueryDto extends IntersectionType(PageQueryDto, IncidentFilterInput) {}
