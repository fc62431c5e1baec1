import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { eventOfShape, type EventShape, isText, isTextList, oneOf, optional, SetAsideReader, type StoredEvent } from '../../event-store/set-aside-reader.js';
import { sourceStream } from '../../event-store/stream-names.js';
import { DomainError } from '../../incidents/domain/domain-error.js';
import { REGISTERED_SOURCE_KINDS, RELIABILITIES, SOURCE_EVENT_TYPES, SOURCE_SCALES, type SourceEvent, type SourceFields } from '../domain/events.js';

/** What each field the registry's folds read must hold: `SourceRegistered` gives them all, `SourceAmended` those it changes. */
const FIELDS: Readonly<Record<keyof SourceFields, (value: unknown) => boolean>> = {
  name: isText,
  aliases: isTextList,
  kind: oneOf(REGISTERED_SOURCE_KINDS),
  scale: oneOf(SOURCE_SCALES),
  reliability: oneOf(RELIABILITIES),
};
const SHAPE: EventShape = {
  SourceRegistered: FIELDS,
  SourceAmended: Object.fromEntries(Object.entries(FIELDS).map(([field, rule]) => [field, optional(rule)])),
} satisfies Record<SourceEvent['type'], unknown>;

/** A stored registry event as the domain sees it (one schema version so far), or `undefined` when it does not have the registry's shape (`eventOfShape`). */
export const sourceEventOf = (event: StoredEvent): SourceEvent | undefined => eventOfShape(event, 'sourceId', sourceStream, SHAPE);

/** `sourceEventOf`, for a reader of the source's own stream: one it cannot read is `SOURCE.UNREADABLE` (422), and its projection quarantines it. */
export function toSourceEvent(event: StoredEvent): SourceEvent {
  const parsed = sourceEventOf(event);
  if (parsed === undefined) throw new DomainError('SOURCE.UNREADABLE', `The ${event.type} event of ${event.stream} does not have the registry's shape`, 'sourceId');
  return parsed;
}

export const isSourceEvent = (event: Pick<RecordedEvent, 'type'>): boolean => (SOURCE_EVENT_TYPES as readonly string[]).includes(event.type);

/** The registry's events as every fold of the registry takes them (the projection's, the as-of reads', the commands'): `SetAsideReader`. */
export const registryReader = (): SetAsideReader<SourceEvent> => new SetAsideReader(sourceEventOf);
