import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { WriteMutation } from '../../../common/write-mutation.js';
import DataLoader from 'dataloader';
import { perOperation } from './per-operation.js';
import { CurrentActor, Roles } from '../../../auth/auth.decorators.js';
import { type Actor, WRITE } from '../../../auth/roles.js';
import { type CommandResult, type IncidentCommandInput, IncidentCommandHandler } from '../../application/incident-command-handler.js';
import { type DuplicateCandidate, DuplicateCandidateQueries } from '../../read-models/incident-links/duplicate-candidates.queries.js';
import type { IncidentLinkView } from '../../read-models/incident-links/incident-link.queries.js';
import { IncidentQueries } from '../../read-models/incident-summary/incident.queries.js';
import type { IncidentView, LinkedIncidentView } from '../../read-models/incident-summary/incident.view.js';
import { CommandResultType, mutationContext } from './command.args.js';
import { DuplicateCandidatePageType } from './duplicate-candidate.types.js';
import { DuplicateCandidatesArgs, LinkIncidentsArgs, MergeIncidentArgs } from './incident-links.args.js';
import { IncidentLinkType, IncidentType } from './incident.types.js';

/** docs/merge.md on GraphQL: `linkIncidents`, `mergeIncident`, `Incident.links` and `Incident.duplicateCandidates`, on the same handler and queries as REST. */
@Resolver(() => IncidentType)
export class IncidentLinksResolver {
  /** One statement per operation for every incident's links. */
  private readonly linkLoader = perOperation(
    () =>
      new DataLoader<string, IncidentLinkView[]>(async (ids) => {
        const links = await this.incidents.links(ids);
        return ids.map((id) => links.get(id)!);
      }),
  );

  constructor(
    private readonly handler: IncidentCommandHandler,
    private readonly duplicates: DuplicateCandidateQueries,
    private readonly incidents: IncidentQueries,
  ) {}

  /** Over a list, one statement for all the incidents' links; a candidate's incident comes with them. */
  @ResolveField(() => [IncidentLinkType], { description: "Links made by this incident or to it, by the other incident's title" })
  links(@Parent() incident: IncidentView | LinkedIncidentView, @Context() operation: object): readonly IncidentLinkView[] | Promise<IncidentLinkView[]> {
    if ('links' in incident) return incident.links;
    return this.linkLoader(operation).load(incident.id);
  }

  @Roles(...WRITE)
  @WriteMutation(() => CommandResultType, { description: 'Links the incident to another (shown from both sides); the same link again changes nothing' })
  linkIncidents(@Args() args: LinkIncidentsArgs, @CurrentActor() actor: Actor): Promise<CommandResult> {
    return this.run(actor, args, { type: 'LinkIncident', data: { ...args.input, incidentId: args.incidentId } });
  }

  @Roles(...WRITE)
  @WriteMutation(() => CommandResultType, { description: 'Merges the incident into `into` (or the incident `into` was merged into): it is closed and counts there from then on' })
  mergeIncident(@Args() args: MergeIncidentArgs, @CurrentActor() actor: Actor): Promise<CommandResult> {
    return this.run(actor, args, { type: 'MergeIncident', data: { ...args.input, incidentId: args.incidentId } });
  }

  @ResolveField(() => DuplicateCandidatePageType, { description: 'Incidents that may be the same attack, best score first' })
  async duplicateCandidates(@Parent() incident: IncidentView, @Args() { first }: DuplicateCandidatesArgs): Promise<{ items: DuplicateCandidate[] }> {
    return { items: await this.duplicates.candidates(incident.id, first ?? undefined) };
  }

  private run(actor: Actor, args: LinkIncidentsArgs | MergeIncidentArgs, command: IncidentCommandInput): Promise<CommandResult> {
    const context = mutationContext(actor, args);
    return this.handler.execute(command, context);
  }
}
