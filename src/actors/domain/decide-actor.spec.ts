import { deciderSpec } from '../../../test/support/decider-spec.js';
import { ActorError } from './actor-error.js';
import { ACTOR_TYPES, interactionCodeOf, MAX_ALIAS_LENGTH, MAX_ALIASES, type ActorEvent, type ActorRegistered } from './actor-events.js';
import { evolveActor, initialActorState } from './actor.js';
import { decideActor } from './decide-actor.js';

const { given } = deciderSpec({ decide: decideActor, evolve: evolveActor, initialState: initialActorState });

const CARTEL = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e60';
const FACTION = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e61';
const OTHER = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e62';

const registered: ActorRegistered = {
  type: 'ActorRegistered',
  data: { actorId: CARTEL, name: 'Cártel del Noreste', aliases: ['CDN'], actorType: 'political_militia' },
};
const register = (data: Partial<ActorRegistered['data']> = {}, parent?: { actorId: string; ancestors: string[] }) =>
  ({ type: 'RegisterActor', data: { ...registered.data, ...data }, ...(parent ? { parent } : {}) }) as const;
const aliasAdded = (alias: string): ActorEvent => ({ type: 'ActorAliasAdded', data: { actorId: CARTEL, alias } });
const merged = (into: string): ActorEvent => ({ type: 'ActorMerged', data: { actorId: CARTEL, into } });
const merge = (into: string, target?: { actorId: string; ancestors: string[] }) =>
  ({ type: 'MergeActor', data: { actorId: CARTEL, into }, ...(target ? { target } : {}) }) as const;

describe('actor types', () => {
  it('number ACLED interaction codes 1 to 8 in order', () => {
    expect(ACTOR_TYPES.map(interactionCodeOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(interactionCodeOf('political_militia')).toBe(3);
  });
});

describe('no actor yet', () => {
  it('registers an actor', () => {
    given([]).when(register()).then([registered]);
  });

  it('registers a faction under its parent, as the parent survivor', () => {
    given([])
      .when(register({ parentActorId: OTHER }, { actorId: FACTION, ancestors: [] }))
      .then([{ type: 'ActorRegistered', data: { ...registered.data, parentActorId: FACTION } }]);
  });

  it('refuses an unknown parent as not found, naming parentActorId', () => {
    given([]).when(register({ parentActorId: OTHER })).thenThrows('ACTOR.NOT_FOUND', { kind: 'not_found', field: 'parentActorId', message: `Actor ${OTHER} does not exist` });
  });

  it('keeps each alias once, and not the name itself', () => {
    given([])
      .when(register({ aliases: ['CDN', 'Cártel del Noreste', 'CDN', 'Los Zetas'] }))
      .then([{ type: 'ActorRegistered', data: { ...registered.data, aliases: ['CDN', 'Los Zetas'] } }]);
  });

  it.each([
    [{ name: ' ' }, 'name', 'name must be a non-empty string'],
    [{ name: 42 as never }, 'name', 'name must be a non-empty string'],
    [{ aliases: ['CDN', ''] }, 'aliases[1]', 'aliases[1] must be a non-empty string'],
    [{ aliases: ['CDN', 'x'.repeat(MAX_ALIAS_LENGTH + 1)] }, 'aliases[1]', `aliases[1] must be at most ${MAX_ALIAS_LENGTH} characters`],
    [{ aliases: Array.from({ length: MAX_ALIASES + 1 }, (_, n) => `alias ${n}`) }, 'aliases', `aliases must hold at most ${MAX_ALIASES} different aliases`],
    [{ actorType: 'cartel' as never }, 'actorType', `actorType must be one of ${ACTOR_TYPES.join(', ')}`],
  ])('refuses %j as invalid, naming %s', (data, field, message) => {
    given([]).when(register(data)).thenThrows('VALUE.INVALID', { kind: 'invalid', field, message });
  });

  it(`takes ${MAX_ALIASES} different aliases of ${MAX_ALIAS_LENGTH} characters, counted once each and without the name`, () => {
    const aliases = Array.from({ length: MAX_ALIASES }, (_, n) => `${n}`.padEnd(MAX_ALIAS_LENGTH, '.'));
    given([]).when(register({ aliases: [...aliases, aliases[0], registered.data.name] })).then([{ type: 'ActorRegistered', data: { ...registered.data, aliases } }]);
    given([]).when(register({ aliases: ['CDN', ' cdn', 'CÁRTEL del noreste'] })).then([{ type: 'ActorRegistered', data: { ...registered.data, aliases: ['CDN'] } }]);
  });

  it('is an Error named ActorError', () => {
    expect(new ActorError('ACTOR.CYCLE', 'm')).toMatchObject({ name: 'ActorError', message: 'm', kind: 'rule' });
    expect(new ActorError('ACTOR.CYCLE', 'm')).toBeInstanceOf(Error);
  });

  it.each([
    ['AddActorAlias', { type: 'AddActorAlias', data: { actorId: CARTEL, alias: 'x' } }],
    ['MergeActor', merge(OTHER, { actorId: OTHER, ancestors: [] })],
  ] as const)('refuses %s as not found', (_name, command) => {
    given([]).when(command).thenThrows('ACTOR.NOT_FOUND', { kind: 'not_found', field: undefined, message: `Actor ${CARTEL} does not exist` });
  });
});

describe('a registered actor', () => {
  it('refuses to be registered again', () => {
    given([registered]).when(register()).thenThrows('ACTOR.ALREADY_EXISTS', { kind: 'rule', field: 'actorId', message: `Actor ${CARTEL} already exists` });
  });

  it('adds an alias', () => {
    given([registered]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: 'Zetas' } }).then([aliasAdded('Zetas')]);
  });

  it('adds nothing for its name or an alias it has, in any spelling sourceKey folds (case, spaces, accents, invisible characters)', () => {
    for (const alias of ['Cártel del Noreste', 'CDN', ' cdn ', 'CA\u0301RTEL  DEL NORESTE', 'C\u200bDN']) {
      given([registered]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias } }).then([]);
    }
    given([registered, aliasAdded('Zetas')]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: 'Zetas' } }).then([]);
  });

  it('refuses an empty alias, naming alias', () => {
    given([registered]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: '' } }).thenThrows('VALUE.INVALID', { field: 'alias' });
  });

  it(`takes an alias of ${MAX_ALIAS_LENGTH} characters and refuses a longer one, naming alias`, () => {
    const alias = 'x'.repeat(MAX_ALIAS_LENGTH);
    given([registered]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias } }).then([aliasAdded(alias)]);
    given([registered])
      .when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: `${alias}x` } })
      .thenThrows('VALUE.INVALID', { kind: 'invalid', field: 'alias', message: `alias must be at most ${MAX_ALIAS_LENGTH} characters` });
  });

  it('counts characters as code points, as the API and PostgreSQL do: an emoji is one', () => {
    const emoji = '😀'.repeat(MAX_ALIAS_LENGTH);
    given([registered]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: emoji } }).then([aliasAdded(emoji)]);
    given([registered]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: `${emoji}😀` } }).thenThrows('VALUE.INVALID', { field: 'alias' });
  });

  it(`adds aliases up to ${MAX_ALIASES} in all, registered and added, and refuses one more, naming alias`, () => {
    const added = Array.from({ length: MAX_ALIASES - 2 }, (_, n) => aliasAdded(`alias ${n}`));
    given([registered, ...added]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: 'last' } }).then([aliasAdded('last')]);
    given([registered, ...added, aliasAdded('last')])
      .when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: 'one more' } })
      .thenThrows('ACTOR.TOO_MANY_ALIASES', { kind: 'rule', field: 'alias', message: `Actor ${CARTEL} has ${MAX_ALIASES} aliases, the most an actor may have` });
    given([registered, ...added, aliasAdded('last')]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: 'CDN' } }).then([]);
  });

  it('merges into the survivor of the target', () => {
    given([registered]).when(merge(OTHER, { actorId: FACTION, ancestors: [] })).then([merged(FACTION)]);
  });

  it('refuses an unknown target as not found, naming into', () => {
    given([registered]).when(merge(OTHER)).thenThrows('ACTOR.NOT_FOUND', { kind: 'not_found', field: 'into', message: `Actor ${OTHER} does not exist` });
  });

  it('refuses to merge into itself, also through a target merged into it', () => {
    const message = `Actor ${CARTEL} cannot be merged into itself`;
    given([registered]).when(merge(CARTEL, { actorId: CARTEL, ancestors: [] })).thenThrows('ACTOR.MERGE_INTO_SELF', { kind: 'rule', field: 'into', message });
    given([registered]).when(merge(OTHER, { actorId: CARTEL, ancestors: [] })).thenThrows('ACTOR.MERGE_INTO_SELF', { field: 'into' });
  });

  it('refuses to merge into one of its own factions (a cycle)', () => {
    given([registered])
      .when(merge(FACTION, { actorId: FACTION, ancestors: [OTHER, CARTEL] }))
      .thenThrows('ACTOR.CYCLE', { kind: 'rule', field: 'into', message: `Actor ${FACTION} is a faction of ${CARTEL}; merging would make it its own parent` });
  });
});

describe('a merged actor', () => {
  it('changes nothing when merged again', () => {
    given([registered, merged(OTHER)]).when(merge(FACTION, { actorId: FACTION, ancestors: [] })).then([]);
    given([registered, merged(OTHER)]).when(merge(OTHER)).then([]);
  });

  it('refuses a new alias, naming actorId', () => {
    given([registered, merged(OTHER)]).when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: 'Zetas' } }).thenThrows('ACTOR.MERGED', { kind: 'rule', field: 'actorId', message: `Actor ${CARTEL} was merged into ${OTHER}; write to that actor` });
  });
});

describe('evolveActor', () => {
  it('ignores aliases and merges of an actor it never saw registered', () => {
    expect(evolveActor(initialActorState, aliasAdded('x'))).toBe(initialActorState);
    expect(evolveActor(initialActorState, merged(OTHER))).toBe(initialActorState);
  });

  it('keeps the survivor and the aliases', () => {
    const state = [registered, aliasAdded('Zetas'), merged(OTHER)].reduce(evolveActor, initialActorState);
    expect(state).toEqual({ status: 'registered', fields: { ...registered.data, actorId: undefined, aliases: ['CDN', 'Zetas'] }, mergedInto: OTHER });
  });
});

describe('refusals say what is wrong (the message is the problem detail)', () => {
  const addAlias = (alias: unknown) => ({ type: 'AddActorAlias', data: { actorId: CARTEL, alias } }) as never;

  it('an actor registered twice, an unknown actor type (listing the types)', () => {
    given([registered]).when(register()).thenThrows('ACTOR.ALREADY_EXISTS', { message: `Actor ${CARTEL} already exists` });
    given([]).when(register({ actorType: 'cartel' as never })).thenThrows('VALUE.INVALID', {
      message: 'actorType must be one of state_forces, rebel_group, political_militia, identity_militia, rioters, protesters, civilians, external_force',
    });
  });

  it('an unknown parent, an unknown actor, an unknown merge target', () => {
    given([]).when(register({ parentActorId: OTHER })).thenThrows('ACTOR.NOT_FOUND', { message: `Actor ${OTHER} does not exist` });
    given([]).when(addAlias('Zetas')).thenThrows('ACTOR.NOT_FOUND', { message: `Actor ${CARTEL} does not exist` });
    given([registered]).when(merge(OTHER)).thenThrows('ACTOR.NOT_FOUND', { message: `Actor ${OTHER} does not exist` });
  });

  it('a merge into itself or into one of its factions', () => {
    given([registered]).when(merge(CARTEL, { actorId: CARTEL, ancestors: [] })).thenThrows('ACTOR.MERGE_INTO_SELF', { message: `Actor ${CARTEL} cannot be merged into itself` });
    given([registered]).when(merge(FACTION, { actorId: FACTION, ancestors: [CARTEL] })).thenThrows('ACTOR.CYCLE', {
      message: `Actor ${FACTION} is a faction of ${CARTEL}; merging would make it its own parent`,
    });
  });

  it('an alias for a merged actor, naming its survivor', () => {
    given([registered, merged(OTHER)]).when(addAlias('Zetas')).thenThrows('ACTOR.MERGED', { message: `Actor ${CARTEL} was merged into ${OTHER}; write to that actor` });
    // Merged into OTHER, which was merged into FACTION since: the survivor is FACTION.
    given([registered, merged(OTHER)])
      .when({ type: 'AddActorAlias', data: { actorId: CARTEL, alias: 'Zetas' }, survivorId: FACTION })
      .thenThrows('ACTOR.MERGED', { message: `Actor ${CARTEL} was merged into ${FACTION}; write to that actor` });
  });

  it('a blank name, and a name that is not text at all', () => {
    given([]).when(register({ name: '' })).thenThrows('VALUE.INVALID', { message: 'name must be a non-empty string' });
    given([]).when(register({ name: undefined })).thenThrows('VALUE.INVALID', { kind: 'invalid', field: 'name' });
    given([]).when(register({ aliases: [42 as never] })).thenThrows('VALUE.INVALID', { field: 'aliases[0]' });
    given([registered]).when(addAlias(null)).thenThrows('VALUE.INVALID', { field: 'alias' });
  });

  it('a name or alias of whitespace and invisible characters only, as requireText refuses blank text', () => {
    given([]).when(register({ name: ' \u200b\u00ad ' })).thenThrows('VALUE.INVALID', { field: 'name' });
    given([]).when(register({ aliases: ['CDN', '\u200b'] })).thenThrows('VALUE.INVALID', { field: 'aliases[1]' });
    given([registered]).when(addAlias('\ufeff')).thenThrows('VALUE.INVALID', { field: 'alias' });
  });

  it('is an ActorError by name, so logs tell it from the incident domain errors', () => {
    expect(new ActorError('ACTOR.CYCLE', 'x')).toMatchObject({ name: 'ActorError', kind: 'rule', field: undefined });
  });
});
