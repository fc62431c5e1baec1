import { isUUID } from 'class-validator';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { sourceStream } from '../../event-store/stream-names.js';
import { DomainError } from '../../incidents/domain/domain-error.js';
import { REGISTERED_SOURCE_KINDS, RELIABILITIES, SOURCE_EVENT_TYPES, SOURCE_SCALES, type SourceEvent, type SourceFields } from '../domain/events.js';

type StoredSourceEvent = Pick<RecordedEvent, 'stream' | 'type' | 'data'>;

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
export function sourceEventOf(event: StoredSourceEvent): SourceEvent | undefined {
  const data = event.data as Record<string, unknown>;
  if (!isSourceEvent(event) || typeof data.sourceId !== 'string' || !isUUID(data.sourceId) || event.stream !== sourceStream(data.sourceId)) return undefined;
  const complete = event.type === 'SourceRegistered';
  const fits = Object.entries(FIELDS).every(([field, valid]) => (data[field] === undefined ? !complete : valid(data[field])));
  return fits ? ({ type: event.type, data } as unknown as SourceEvent) : undefined;
}

/** `sourceEventOf`, for a reader of the source's own stream: one it cannot read is `SOURCE.UNREADABLE` (422), and its projection quarantines it. */
export function toSourceEvent(event: StoredSourceEvent): SourceEvent {
  const parsed = sourceEventOf(event);
  if (parsed === undefined) throw new DomainError('SOURCE.UNREADABLE', `The ${event.type} event of ${event.stream} does not have the registry's shape`, 'sourceId');
  return parsed;
}

export const isSourceEvent = (event: Pick<RecordedEvent, 'type'>): boolean => (SOURCE_EVENT_TYPES as readonly string[]).includes(event.type);

/**
 * Reads the registry's events in `$all` order as every fold of the registry takes them (the
 * projection's, the as-of reads', the commands'): a stream's events from its first one
 * `sourceEventOf` cannot read on are set aside, as the sources projection quarantines that stream
 * (docs/quarantine.md). One bad registry event so changes no other source, and no tally.
 */
export class RegistryReader {
  private readonly setAside = new Set<string>();

  /** The event as the folds take it; `undefined` for one set aside. */
  read(event: StoredSourceEvent): SourceEvent | undefined {
    if (this.setAside.has(event.stream)) return undefined;
    const parsed = sourceEventOf(event);
    if (parsed === undefined) this.setAside.add(event.stream);
    return parsed;
  }
}
