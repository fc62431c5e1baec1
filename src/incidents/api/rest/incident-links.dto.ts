import { PickType } from '@nestjs/swagger';
import { PageQueryDto } from './incident-queries.dto.js';

export class DuplicateCandidatesQueryDto extends PickType(PageQueryDto, ['first', 'consistentWith'] as const) {}
