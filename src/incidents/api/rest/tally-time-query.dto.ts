import { IntersectionType } from '@nestjs/swagger';
import { TallyTimeArgs } from '../inputs/tally-time.inputs.js';
import { ReadQueryDto } from './incident-queries.dto.js';

/** `GET /incidents/{id}/tally`'s query: GraphQL's `Incident.tally` arguments, and `consistentWith`. */
export class TallyTimeQueryDto extends IntersectionType(ReadQueryDto, TallyTimeArgs) {}
