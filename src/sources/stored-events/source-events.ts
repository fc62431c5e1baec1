import { isUUID } from 'class-validator';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { SetAsideReader, type StoredEvent } from '../../event-store/set-aside-reader.js';
import { sourceStream } from '../../event-store/stream-names.js';
import { DomainError } from '../../incidents/domain/domain-error.js';
import { REGISTERED_SOURCE_KINDS, RELIABILITIES, SOURCE_EVENT_TYPES, SOURCE_SCALES, type SourceEvent, type SourceFields } from '../domain/events.js';

const isText = (value: unknown): boolean => typeof value === 'string';
const oneOf = (values: readonly string[]) => (value: unknown): boolean => values.includes(value as string);

/** What each field the registry's folds read must hold (`SourceRegistered` has them all; `SourceAmended` those it changes). */
const FIELDS: Readonly<Record<keyof SourceFields, (value: unknown) => boolean>> = {
  name: isText,
  aliases: (value) => Array.isArray(value) && value.every(isText),
  kind: oneOf(REGISTERED_SOURCE_KINDS),
  scale: oneOf(SOURCE_SCALES),
  reliability: oneOf(RELIABILITIES),
};

/**
 * A stored registry event as the domain sees it (the registry's events have one schema version so
 * far), or `undefined` when it does not have the registry's shape: a known type, the `sourceId` of
 * its own stream, and each field `FIELDS` describes of its type (the API never writes such an event;
 * a hand-edited `import` can).
 */
export function sourceEventOf(event: StoredEvent): SourceEvent | undefined {
  const data = event.data as Record<string, unknown>;
  if (!isSourceEvent(event) || typeof data.sourceId !== 'string' || !isUUID(data.sourceId) || event.stream !== sourceStream(data.sourceId)) return undefined;
  const complete = event.type === 'SourceRegistered';
  const fits = Object.entries(FIELDS).every(([field, valid]) => (data[field] === undefined ? !complete : valid(data[field])));
  return fits ? ({ type: event.type, data } as unknown as SourceEvent) : undefined;
}

/** `sourceEventOf`, for a reader of the source's own stream: one it cannot read is `SOURCE.UNREADABLE` (422), and its projection quarantines it. */
export function toSourceEvent(event: StoredEvent): SourceEvent {
  const parsed = sourceEventOf(event);
  if (parsed === undefined) throw new DomainError('SOURCE.UNREADABLE', `The ${event.type} event of ${event.stream} does not have the registry's shape`, 'sourceId');
  return parsed;
}

export const isSourceEvent = (event: Pick<RecordedEvent, 'type'>): boolean => (SOURCE_EVENT_TYPES as readonly string[]).includes(event.type);

/** The registry's events as every fold of the registry takes them (the projection's, the as-of reads', the commands'): `SetAsideReader`. */
export const registryReader = (): SetAsideReader<SourceEvent> => new SetAsideReader(sourceEventOf);
