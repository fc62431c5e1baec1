import { PickType } from '@nestjs/swagger';
import { LINK_RELATIONS, type LinkRelation } from '../../domain/events.js';
import { PageQueryDto } from './incident-queries.dto.js';
import { OneOf, Uuid } from './validation.decorators.js';

export class LinkIncidentDto {
  @Uuid('The incident to link to; it must exist', true)
  otherIncidentId!: string;

  @OneOf(LINK_RELATIONS, 'same_campaign')
  relation!: LinkRelation;
}

export class MergeIncidentDto {
  @Uuid('The incident this one is a duplicate of; if it was itself merged, the incident it was merged into', true)
  into!: string;
}

export class DuplicateCandidatesQueryDto extends PickType(PageQueryDto, ['first', 'consistentWith'] as const) {}
