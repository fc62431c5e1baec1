/**
 * The actor registry's events and commands (docs/actors.md): plain readonly `{ type, data }` values. Every
 * event carries `actorId`, so a projection reading `$all` needs no stream-name parsing.
 */

/**
 * ACLED's actor types, in the order of its interaction codes 1–8 (`ACTOR_TYPES[code - 1]`): state
 * forces, rebel groups, political militias, identity militias, rioters, protesters, civilians,
 * external/other forces. ACLED codes organised criminal groups (cartels) as political militias.
 */
export const ACTOR_TYPES = [
  'state_forces',
  'rebel_group',
  'political_militia',
  'identity_militia',
  'rioters',
  'protesters',
  'civilians',
  'external_force',
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** ACLED's interaction code of an actor type (1–8). */
export const interactionCodeOf = (actorType: ActorType): number => ACTOR_TYPES.indexOf(actorType) + 1;

/**
 * An actor answers to at most `MAX_ALIASES` aliases in all — those it was registered with and those
 * added since — each at most `MAX_ALIAS_LENGTH` characters. One limit for every route that gives
 * aliases (registration and the alias route, REST and GraphQL), so every accepted alias list stays
 * within it.
 */
export const MAX_ALIASES = 50;
export const MAX_ALIAS_LENGTH = 100;

type Event<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;
type OfActor = { actorId: string };

export type ActorFields = Readonly<{
  name: string;
  aliases: readonly string[];
  actorType: ActorType;
  /** The actor this one is a faction or unit of. */
  parentActorId?: string;
}>;

export type ActorRegistered = Event<'ActorRegistered', OfActor & ActorFields>;
export type ActorAliasAdded = Event<'ActorAliasAdded', OfActor & { alias: string }>;
/** From this event on the actor answers as `into`, the survivor (never itself a merged actor when decided). */
export type ActorMerged = Event<'ActorMerged', OfActor & { into: string }>;

export type ActorEvent = ActorRegistered | ActorAliasAdded | ActorMerged;

export const ACTOR_EVENT_TYPES = ['ActorRegistered', 'ActorAliasAdded', 'ActorMerged'] as const satisfies readonly ActorEvent['type'][];

/**
 * Another actor a command names, as the command handler read it from that actor's stream, followed
 * through merges: `actorId` is the survivor, `ancestors` the survivors up its chain of parents.
 * Absent on a command: the named actor does not exist.
 */
export type ActorRef = Readonly<{ actorId: string; ancestors: readonly string[] }>;

type Command<Type extends string, Data, Extra = unknown> = Readonly<{ type: Type; data: Readonly<Data> }> & Readonly<Extra>;

export type RegisterActor = Command<'RegisterActor', OfActor & ActorFields, { parent?: ActorRef }>;
/** `survivorId`: the actor itself followed through merges (whom a merged actor's refusal names). */
export type AddActorAlias = Command<'AddActorAlias', OfActor & { alias: string }, { survivorId?: string }>;
export type MergeActor = Command<'MergeActor', OfActor & { into: string }, { target?: ActorRef }>;

export type ActorCommand = RegisterActor | AddActorAlias | MergeActor;
