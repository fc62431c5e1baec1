import { ArgsType } from '@nestjs/graphql';
import { TimeArgument } from './input-fields.js';

const CUT = 'ISO-8601 time or decimal event-store position, as `asOf`';

/** The two cuts of a tally diff (docs/temporal.md "Diffs"), both required: REST's query and GraphQL's arguments. */
@ArgsType()
export class TallyDiffCuts {
  @TimeArgument({ required: true, description: `${CUT}: the tallies before`, example: '2019-11-30T18:00:00Z' })
  from!: string;

  @TimeArgument({ required: true, description: `${CUT}: the tallies after`, example: '2019-12-01T18:00:00Z' })
  to!: string;
}
