import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { WriteMutation } from '../../../common/write-mutation.js';
import { CurrentActor, Roles } from '../../../auth/auth.decorators.js';
import { type Actor, READ, WRITE } from '../../../auth/roles.js';
import { withoutNulls } from '../../../common/absent-nulls.js';
import { type CommandOptionsArgs, CommandResultType, mutationContext } from '../../../incidents/api/graphql/command.args.js';
import { IncidentType } from '../../../incidents/api/graphql/incident.types.js';
import type { CommandContext } from '../../../common/commands/command-context.js';
import { type CommandResult, IncidentCommandHandler } from '../../../incidents/application/incident-command-handler.js';
import type { IncidentView } from '../../../incidents/read-models/incident-summary/incident.view.js';
import type { Page } from '../../../common/page.js';
import { ReadConsistency } from '../../../incidents/read-models/read-consistency.js';
import { type ActorCommandInput, type ActorCommandResult, ActorCommandHandler } from '../../application/actor-command-handler.js';
import { registerActorCommand } from '../../application/actor-inputs.js';
import { ActorQueries } from '../../read-models/actor.queries.js';
import type { ActorView, IncidentActorView } from '../../read-models/actor.view.js';
import { ActorArgs, ActorsArgs, AddActorAliasArgs, AttachActorArgs, DetachActorArgs, MergeActorArgs, RegisterActorArgs } from './actor.args.js';
import { ActorCommandResultType, ActorPageType, ActorType_, IncidentActorType } from './actor.types.js';

/** docs/actors.md on GraphQL: the registry's queries and mutations, actors on incidents, through the same handlers and queries as REST. */
@Resolver()
export class ActorsResolver {
  constructor(
    private readonly handler: ActorCommandHandler,
    private readonly incidents: IncidentCommandHandler,
    private readonly queries: ActorQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Roles(...READ)
  @Query(() => ActorType_, { description: 'A merged actor answers as its survivor' })
  async actor(@Args() { id, consistentWith }: ActorArgs): Promise<ActorView> {
    await this.consistency.waitFor(consistentWith ?? undefined);
    return this.queries.actor(id);
  }

  @Roles(...READ)
  @Query(() => ActorPageType, { description: 'Actors not merged into another, by name' })
  async actors(@Args() { actorType, first, after, consistentWith }: ActorsArgs): Promise<Page<ActorView>> {
    await this.consistency.waitFor(consistentWith ?? undefined);
    return this.queries.actors({ actorType: actorType ?? undefined }, { first: first ?? undefined, after: after ?? undefined });
  }

  @Roles(...WRITE)
  @WriteMutation(() => ActorCommandResultType)
  registerActor(@Args() args: RegisterActorArgs, @CurrentActor() actor: Actor): Promise<ActorCommandResult> {
    return this.run(actor, args, (context) => registerActorCommand(withoutNulls(args.input), context));
  }

  @Roles(...WRITE)
  @WriteMutation(() => ActorCommandResultType)
  addActorAlias(@Args() args: AddActorAliasArgs, @CurrentActor() actor: Actor): Promise<ActorCommandResult> {
    return this.run(actor, args, () => ({ type: 'AddActorAlias', data: { actorId: args.actorId, alias: args.alias } }));
  }

  @Roles(...WRITE)
  @WriteMutation(() => ActorCommandResultType)
  mergeActor(@Args() args: MergeActorArgs, @CurrentActor() actor: Actor): Promise<ActorCommandResult> {
    return this.run(actor, args, () => ({ type: 'MergeActor', data: { actorId: args.actorId, into: args.into } }));
  }

  @Roles(...WRITE)
  @WriteMutation(() => CommandResultType)
  attachActor(@Args() args: AttachActorArgs, @CurrentActor() actor: Actor): Promise<CommandResult> {
    const context = mutationContext(actor, args);
    return this.incidents.execute({ type: 'AttachActor', data: { incidentId: args.incidentId, actorId: args.actorId, role: args.role } }, context);
  }

  @Roles(...WRITE)
  @WriteMutation(() => CommandResultType)
  detachActor(@Args() args: DetachActorArgs, @CurrentActor() actor: Actor): Promise<CommandResult> {
    const context = mutationContext(actor, args);
    return this.incidents.execute({ type: 'DetachActor', data: { incidentId: args.incidentId, actorId: args.actorId } }, context);
  }

  private run(actor: Actor, args: CommandOptionsArgs, command: (context: CommandContext) => ActorCommandInput): Promise<ActorCommandResult> {
    const context = mutationContext(actor, args);
    return this.handler.execute(command(context), context);
  }
}

/** `Incident.actors`: read with the incident's row (one statement per page of incidents). */
@Resolver(() => IncidentType)
export class IncidentActorsResolver {
  @ResolveField(() => [IncidentActorType])
  actors(@Parent() incident: IncidentView): readonly IncidentActorView[] {
    return incident.actors;
  }
}
