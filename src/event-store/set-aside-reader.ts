import { isUUID } from 'class-validator';
import { normalizedUuid } from '../common/input-values.js';
import type { RecordedEvent } from './event-store.port.js';

/** A stored event as a fold reads it: what it needs of a `RecordedEvent`. */
export type StoredEvent = Pick<RecordedEvent, 'stream' | 'type' | 'data'>;

/**
 * Reads the stored events of a registry (sources, actors) in `$all` order for a fold that depends on
 * other streams than its own (the incidents projection, as-of reads, commands naming another
 * actor): a stream's events from its first one `parse` cannot read on are set aside, as the
 * registry's own projection quarantines that stream (docs/quarantine.md). One bad event of a
 * registry so changes no other entry of it, and stops no fold.
 */
export class SetAsideReader<Event> {
  private readonly setAside = new Set<string>();

  constructor(private readonly parse: (event: StoredEvent) => Event | undefined) {}

  /** The event as the folds take it; `undefined` for one set aside. */
  read(event: StoredEvent): Event | undefined {
    if (this.setAside.has(event.stream)) return undefined;
    const parsed = this.parse(event);
    if (parsed === undefined) this.setAside.add(event.stream);
    return parsed;
  }
}

/** Per event type, what each field of its data must hold (a rule for an optional field takes `undefined`). */
export type EventShape = Readonly<Record<string, Readonly<Record<string, (value: unknown) => boolean>>>>;

export const isText = (value: unknown): boolean => typeof value === 'string';
export const isTextList = (value: unknown): boolean => Array.isArray(value) && value.every(isText);
/** A UUID in the one spelling the API stores (lower case, `normalizedUuid`): an id has one spelling, which streams and rows key by. */
export const isId = (value: unknown): boolean => typeof value === 'string' && isUUID(value) && normalizedUuid(value) === value;
export const oneOf = (values: readonly string[]) => (value: unknown): boolean => values.includes(value as string);
export const optional = (rule: (value: unknown) => boolean) => (value: unknown): boolean => value === undefined || rule(value);

/**
 * `event` as a registry's folds take it, or `undefined` when it does not have the registry's shape:
 * a type `shape` knows, the id (`data[idField]`) of its own stream (`streamOf`), and each field of
 * its type as `shape` says. The API never writes such an event; a hand-edited `import` can.
 */
export function eventOfShape<Event>(event: StoredEvent, idField: string, streamOf: (id: string) => string, shape: EventShape): Event | undefined {
  const data = event.data as Record<string, unknown>;
  const fields = Object.hasOwn(shape, event.type) ? shape[event.type] : undefined;
  const id = data[idField];
  if (fields === undefined || !isId(id) || event.stream !== streamOf(id as string)) return undefined;
  return Object.entries(fields).every(([field, valid]) => valid(data[field])) ? ({ type: event.type, data } as Event) : undefined;
}
