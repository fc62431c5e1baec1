import { Args, Query, Resolver } from '@nestjs/graphql';
import { WriteMutation } from '../../../common/write-mutation.js';
import { CurrentActor, Roles } from '../../../auth/auth.decorators.js';
import { type Actor, READ, WRITE } from '../../../auth/roles.js';
import { derivedId } from '../../../common/commands/command-context.js';
import { patchOf, withoutNulls } from '../../../common/absent-nulls.js';
import { mutationContext } from '../../../incidents/api/graphql/command.args.js';
import { amendSourceCommand } from '../../application/amend-source-command.js';
import { ReadArgs } from '../../../incidents/api/graphql/query.args.js';
import { ReadConsistency } from '../../../incidents/read-models/read-consistency.js';
import { SourceCommandHandler, type SourceCommandResult } from '../../application/source-command-handler.js';
import { SourceQueries, type SourceView } from '../../read-models/source.queries.js';
import { RegisteredSourceDto, SourceCommandResultDto } from '../source.views.js';
import { AmendSourceArgs, RegisterSourceArgs, SourceLookupArgs } from './source.types.js';

/** The source registry over GraphQL (docs/sources.md), through the same handler and queries as REST. */
@Resolver(() => RegisteredSourceDto)
export class SourcesResolver {
  constructor(
    private readonly handler: SourceCommandHandler,
    private readonly queries: SourceQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Roles(...READ)
  @Query(() => [RegisteredSourceDto], { description: 'Every registered source, by name' })
  async sources(@Args() { consistentWith }: ReadArgs): Promise<SourceView[]> {
    await this.consistency.waitFor(consistentWith ?? undefined);
    return this.queries.list();
  }

  @Roles(...READ)
  @Query(() => RegisteredSourceDto)
  async source(@Args() { id, consistentWith }: SourceLookupArgs): Promise<SourceView> {
    await this.consistency.waitFor(consistentWith ?? undefined);
    return this.queries.get(id);
  }

  @Roles(...WRITE)
  @WriteMutation(() => SourceCommandResultDto)
  registerSource(@Args() args: RegisterSourceArgs, @CurrentActor() actor: Actor): Promise<SourceCommandResult> {
    const context = mutationContext(actor, args);
    return this.handler.execute({ type: 'RegisterSource', data: { ...withoutNulls(args.input), sourceId: derivedId(context, 'source') } }, context);
  }

  @Roles(...WRITE)
  @WriteMutation(() => SourceCommandResultDto)
  amendSource(@Args() args: AmendSourceArgs, @CurrentActor() actor: Actor): Promise<SourceCommandResult> {
    const context = mutationContext(actor, args);
    return this.handler.execute(amendSourceCommand(args.sourceId, patchOf(args.input)), context);
  }
}
