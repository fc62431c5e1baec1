import { deciderSpec } from '../../../test/support/decider-spec.js';
import type { ActorRegistered } from './actor-events.js';
import { ActorError } from './actor-error.js';
import { evolveActor, initialActorState } from './actor.js';
import { decideActor } from './decide-actor.js';

/** The message of a refusal is the problem's `detail`: it names the actors involved and what to do instead. */
const { given } = deciderSpec({ decide: decideActor, evolve: evolveActor, initialState: initialActorState });

const CARTEL = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e60';
const FACTION = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e61';
const OTHER = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e62';

const registered: ActorRegistered = {
  type: 'ActorRegistered',
  data: { actorId: CARTEL, name: 'Cártel del Noreste', aliases: [], actorType: 'political_militia' },
};
const register = (data: Record<string, unknown> = {}) => ({ type: 'RegisterActor', data: { ...registered.data, ...data } }) as const;
const merge = (target?: { actorId: string; ancestors: string[] }) =>
  ({ type: 'MergeActor', data: { actorId: CARTEL, into: OTHER }, ...(target ? { target } : {}) }) as const;
const addAlias = (alias: unknown) => ({ type: 'AddActorAlias', data: { actorId: CARTEL, alias } }) as never;

describe('actor refusals say what is wrong', () => {
  it('an actor registered twice', () => {
    given([registered]).when(register()).thenThrows('ACTOR.ALREADY_EXISTS', { message: `Actor ${CARTEL} already exists` });
  });

  it('an unknown actor type, listing the types', () => {
    given([]).when(register({ actorType: 'cartel' })).thenThrows('VALUE.INVALID', {
      message: 'actorType must be one of state_forces, rebel_group, political_militia, identity_militia, rioters, protesters, civilians, external_force',
    });
  });

  it('an unknown parent, an unknown actor, an unknown merge target', () => {
    given([]).when(register({ parentActorId: OTHER })).thenThrows('ACTOR.NOT_FOUND', { message: `Actor ${OTHER} does not exist` });
    given([]).when(addAlias('Zetas')).thenThrows('ACTOR.NOT_FOUND', { message: `Actor ${CARTEL} does not exist` });
    given([registered]).when(merge()).thenThrows('ACTOR.NOT_FOUND', { message: `Actor ${OTHER} does not exist` });
  });

  it('a merge into itself or into one of its factions', () => {
    given([registered]).when(merge({ actorId: CARTEL, ancestors: [] })).thenThrows('ACTOR.MERGE_INTO_SELF', {
      message: `Actor ${CARTEL} cannot be merged into itself`,
    });
    given([registered]).when(merge({ actorId: FACTION, ancestors: [CARTEL] })).thenThrows('ACTOR.CYCLE', {
      message: `Actor ${FACTION} is a faction of ${CARTEL}; merging would make it its own parent`,
    });
  });

  it('an alias for a merged actor, naming its survivor', () => {
    given([registered, { type: 'ActorMerged', data: { actorId: CARTEL, into: OTHER } }]).when(addAlias('Zetas')).thenThrows('ACTOR.MERGED', {
      message: `Actor ${CARTEL} was merged into ${OTHER}; write to that actor`,
    });
  });

  it('a blank name, and a name that is not text at all', () => {
    given([]).when(register({ name: '' })).thenThrows('VALUE.INVALID', { message: 'name must be a non-empty string' });
    given([]).when(register({ name: undefined })).thenThrows('VALUE.INVALID', { kind: 'invalid', field: 'name' });
    given([]).when(register({ aliases: [42] })).thenThrows('VALUE.INVALID', { field: 'aliases[0]' });
    given([registered]).when(addAlias(null)).thenThrows('VALUE.INVALID', { field: 'alias' });
  });

  it('is an ActorError by name, so logs tell it from the incident domain errors', () => {
    expect(new ActorError('ACTOR.CYCLE', 'x')).toMatchObject({ name: 'ActorError', kind: 'rule', field: undefined });
  });
});
