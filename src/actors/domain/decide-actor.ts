import { ACTOR_TYPES, MAX_ALIAS_LENGTH, MAX_ALIASES, type ActorCommand, type ActorEvent, type AddActorAlias, type MergeActor, type RegisterActor } from './actor-events.js';
import { characterCount, hasVisibleText } from '../../sources/domain/source-key.js';
import { ActorError } from './actor-error.js';
import { isNameOf, type ActorState } from './actor.js';

/**
 * Decides the events of an actor registry command against the actor's state, or throws an
 * `ActorError`. Pure: other actors a command names arrive resolved on the command (`parent`,
 * `target`), read by the command handler from their streams.
 */
export function decideActor(command: ActorCommand, state: ActorState): ActorEvent[] {
  switch (command.type) {
    case 'RegisterActor':
      return register(command, state);
    case 'AddActorAlias':
      return addAlias(command, state);
    case 'MergeActor':
      return merge(command, state);
  }
}

function register({ data, parent }: RegisterActor, state: ActorState): ActorEvent[] {
  if (state.status !== 'none') throw new ActorError('ACTOR.ALREADY_EXISTS', `Actor ${data.actorId} already exists`, 'actorId');
  requireName(data.name, 'name');
  data.aliases.forEach((alias, index) => requireAlias(alias, `aliases[${index}]`));
  if (!(ACTOR_TYPES as readonly string[]).includes(data.actorType)) {
    throw new ActorError('VALUE.INVALID', `actorType must be one of ${ACTOR_TYPES.join(', ')}`, 'actorType');
  }
  if (data.parentActorId !== undefined && parent === undefined) {
    throw new ActorError('ACTOR.NOT_FOUND', `Actor ${data.parentActorId} does not exist`, 'parentActorId');
  }
  // Each name once, as `isNameOf` compares names: the first spelling of it is kept.
  const aliases = data.aliases.filter((alias, index) => !isNameOf({ name: data.name, aliases: data.aliases.slice(0, index) }, alias));
  if (aliases.length > MAX_ALIASES) throw new ActorError('VALUE.INVALID', `aliases must hold at most ${MAX_ALIASES} different aliases`, 'aliases');
  return [{ type: 'ActorRegistered', data: { ...data, aliases, ...(parent ? { parentActorId: parent.actorId } : {}) } }];
}

/** An alias the actor already answers to changes nothing; one past `MAX_ALIASES` in all is refused. */
function addAlias({ data, survivorId }: AddActorAlias, state: ActorState): ActorEvent[] {
  const fields = requireUnmerged(state, data.actorId, survivorId);
  requireAlias(data.alias, 'alias');
  if (isNameOf(fields, data.alias)) return [];
  if (fields.aliases.length >= MAX_ALIASES) {
    throw new ActorError('ACTOR.TOO_MANY_ALIASES', `Actor ${data.actorId} has ${MAX_ALIASES} aliases, the most an actor may have`, 'alias');
  }
  return [{ type: 'ActorAliasAdded', data }];
}

/**
 * Merges into the survivor of `into` (a merged target is followed). Merging a merged actor again
 * changes nothing; merging into itself, or into one of its own factions (which would make the
 * actor its own ancestor), is refused.
 */
function merge({ data, target }: MergeActor, state: ActorState): ActorEvent[] {
  requireActor(state, data.actorId);
  if (state.mergedInto !== undefined) return [];
  if (target === undefined) throw new ActorError('ACTOR.NOT_FOUND', `Actor ${data.into} does not exist`, 'into');
  if (target.actorId === data.actorId) throw new ActorError('ACTOR.MERGE_INTO_SELF', `Actor ${data.actorId} cannot be merged into itself`, 'into');
  if (target.ancestors.includes(data.actorId)) {
    throw new ActorError('ACTOR.CYCLE', `Actor ${target.actorId} is a faction of ${data.actorId}; merging would make it its own parent`, 'into');
  }
  return [{ type: 'ActorMerged', data: { actorId: data.actorId, into: target.actorId } }];
}

function requireActor(state: ActorState, actorId: string): NonNullable<ActorState['fields']> {
  if (state.fields === undefined) throw new ActorError('ACTOR.NOT_FOUND', `Actor ${actorId} does not exist`);
  return state.fields;
}

/** A merged actor is refused naming its survivor (the end of its chain of merges when known, else the actor it was merged into). */
function requireUnmerged(state: ActorState, actorId: string, survivorId: string | undefined): NonNullable<ActorState['fields']> {
  const fields = requireActor(state, actorId);
  if (state.mergedInto !== undefined) {
    throw new ActorError('ACTOR.MERGED', `Actor ${actorId} was merged into ${survivorId ?? state.mergedInto}; write to that actor`, 'actorId');
  }
  return fields;
}

/** Names show something, as every text of the ledger (`hasVisibleText`, the rule of `requireText`). */
function requireName(value: unknown, field: string): void {
  if (!hasVisibleText(value)) throw new ActorError('VALUE.INVALID', `${field} must be a non-empty string`, field);
}

function requireAlias(value: unknown, field: string): void {
  requireName(value, field);
  if (characterCount(value as string) > MAX_ALIAS_LENGTH) throw new ActorError('VALUE.INVALID', `${field} must be at most ${MAX_ALIAS_LENGTH} characters`, field);
}
