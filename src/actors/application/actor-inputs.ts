import { type CommandContext, derivedId } from '../../common/commands/command-context.js';
import type { ActorFields } from '../domain/actor-events.js';
import type { ActorCommandInput } from './actor-command-handler.js';

/** A registration as REST and GraphQL take it: `actorId` and `aliases` optional. */
export type RegisterActorInput = Omit<ActorFields, 'aliases'> & { readonly actorId?: string; readonly aliases?: readonly string[] };

/** The registration command, with the id assigned from the command id when the client sent none (so a repeat lands on the same actor). */
export function registerActorCommand(input: RegisterActorInput, context: CommandContext): ActorCommandInput {
  const { actorId, aliases, ...fields } = input;
  return { type: 'RegisterActor', data: { ...fields, actorId: actorId ?? derivedId(context, 'actor'), aliases: aliases ?? [] } };
}
