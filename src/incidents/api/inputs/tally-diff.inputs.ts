import { ArgsType } from '@nestjs/graphql';
import type { BestPolicy } from '../../domain/best-policy.js';
import { BestPolicyArgument, TimeArgument } from './input-fields.js';

const CUT = 'ISO-8601 time or decimal event-store position, as `asOf`';

/** The two cuts of a tally diff (docs/temporal.md "Diffs"), both required, and its best policy: REST's query and GraphQL's arguments. */
@ArgsType()
export class TallyDiffQuery {
  @TimeArgument({ required: true, description: `${CUT}: the tallies before`, example: '2019-11-30T18:00:00Z' })
  from!: string;

  @TimeArgument({ required: true, description: `${CUT}: the tallies after`, example: '2019-12-01T18:00:00Z' })
  to!: string;

  @BestPolicyArgument('Which source figure is `best` at both cuts (docs/sources.md)')
  bestPolicy?: BestPolicy | null;
}
