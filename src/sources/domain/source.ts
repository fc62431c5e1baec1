import type { SourceEvent, SourceFields } from './events.js';

/** One registry entry's state: `undefined` until registered. */
export type SourceState = Readonly<{ fields: SourceFields | undefined }>;

export const initialSourceState: SourceState = { fields: undefined };

/** Folds one event; never throws (an amendment before registration changes nothing). */
export function evolveSource(state: SourceState, event: SourceEvent): SourceState {
  const { sourceId: _id, ...changed } = event.data;
  if (event.type === 'SourceRegistered') return { fields: changed as SourceFields };
  return state.fields === undefined ? state : { fields: { ...state.fields, ...changed } };
}
