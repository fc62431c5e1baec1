import { ArgsType } from '@nestjs/graphql';
import type { BestPolicy } from '../../domain/best-policy.js';
import type { TallyTimeQuery } from '../../audit/as-of-tally.service.js';
import { BestPolicyArgument, TimeArgument } from './input-fields.js';

/**
 * An incident's tally as asked (docs/tallies.md "As of a moment, within a window"): REST's
 * `GET /incidents/{id}/tally` query and GraphQL's `Incident.tally` arguments, by the same rules; their
 * format is checked where they are parsed (`as-of.ts`). GraphQL's `null` is absent (`withoutNulls`).
 */
@ArgsType()
export class TallyTimeArgs implements TallyTimeQuery {
  @TimeArgument({ description: 'ISO-8601 time or decimal event-store position: the tally as known then (the temporal read model)', example: '2019-12-01T18:00:00Z' })
  asOf?: string;

  @TimeArgument({ description: 'Count only records that occurred (world time) at or after this; combines with asOf', example: '2019-11-30' })
  occurredFrom?: string;

  @TimeArgument({ description: 'Count only records that occurred at or before this (a bare date includes its whole local day)', example: '2019-11-30' })
  occurredTo?: string;

  @BestPolicyArgument('Which source figure is `best` (docs/sources.md)')
  bestPolicy?: BestPolicy;
}
