import { sourceKey } from '../../sources/domain/source-key.js';
import type { ActorEvent, ActorFields } from './actor-events.js';

/** `none`: no `ActorRegistered` in the stream yet. */
export type ActorState = Readonly<{
  status: 'none' | 'registered';
  fields: ActorFields | undefined;
  /** The actor it was merged into, once merged. */
  mergedInto: string | undefined;
}>;

export const initialActorState: ActorState = { status: 'none', fields: undefined, mergedInto: undefined };

/** Folds one event into the actor's state; never throws (events the state cannot place change nothing). */
export function evolveActor(state: ActorState, event: ActorEvent): ActorState {
  switch (event.type) {
    case 'ActorRegistered': {
      const { actorId: _id, ...fields } = event.data;
      return { ...state, status: 'registered', fields };
    }
    case 'ActorAliasAdded':
      return state.fields === undefined ? state : { ...state, fields: { ...state.fields, aliases: [...state.fields.aliases, event.data.alias] } };
    case 'ActorMerged':
      return state.fields === undefined ? state : { ...state, mergedInto: event.data.into };
  }
}

/** Whether `name` is the actor's name or one of its aliases already. */
/** Whether the actor answers to `name`: names compare as source names do (`sourceKey`: NFC, case, spaces, invisible characters). */
export const isNameOf = ({ name: own, aliases }: Pick<ActorFields, 'name' | 'aliases'>, name: string): boolean =>
  [own, ...aliases].some((known) => sourceKey(known) === sourceKey(name));
