import type { BestPolicy } from '../../domain/best-policy.js';
import type { TallyTimeQuery } from '../../audit/as-of-tally.service.js';
import { BestPolicyArgument, TimeArgument } from '../inputs/input-fields.js';
import { ReadQueryDto } from './incident-queries.dto.js';

/** `GET /incidents/{id}/tally`'s time arguments (docs/tallies.md "As of a moment, within a window"); their format is checked where they are parsed (`as-of.ts`). */
export class TallyTimeQueryDto extends ReadQueryDto implements TallyTimeQuery {
  @TimeArgument({ description: 'ISO-8601 time or decimal event-store position: the tally as known then (the temporal read model)', example: '2019-12-01T18:00:00Z' })
  asOf?: string;

  @TimeArgument({ description: 'Count only records that occurred (world time) at or after this; combines with asOf', example: '2019-11-30' })
  occurredFrom?: string;

  @TimeArgument({ description: 'Count only records that occurred at or before this (a bare date includes its whole local day)', example: '2019-11-30' })
  occurredTo?: string;

  @BestPolicyArgument('Which source figure is `best` (docs/sources.md)')
  bestPolicy?: BestPolicy;
}
