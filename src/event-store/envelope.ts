import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { EventToAppend, JsonObject, RecordedEvent } from './event-store.port.js';

/** Metadata every event carries (docs/domain.md "Events and their envelope"). */
export interface EnvelopeMetadata {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** `sub` of the token that sent the command. */
  readonly actor: string;
  readonly recordedAt: string;
  readonly schemaVersion: number;
  /** Fingerprint of the request that produced the event, so a reused idempotency key with another body is caught. */
  readonly requestHash?: string;
}

export type SealedMetadata = EnvelopeMetadata & { readonly hash: string };

/** RFC 8785 canonical JSON: sorted keys, no whitespace, so a hash can be recomputed byte for byte. */
export const canonicalJson = (value: unknown): string => canonicalize(value)!;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The tamper-evident hash of an event: SHA-256 over canonical JSON of the previous event's hash in
 * the stream (`null` for the first), the event's type, data and metadata (without the hash itself).
 * Changing any stored event breaks its hash and every later one in the stream.
 */
export function eventHash(previousHash: string | null, type: string, data: JsonObject, metadata: EnvelopeMetadata): string {
  return sha256(canonicalJson({ previousHash, type, data, metadata }));
}

/** An event's data exactly as the store will keep it (plain JSON, no `undefined`), so its hash can be recomputed. */
export const storedData = (event: { readonly data: object }): JsonObject => JSON.parse(JSON.stringify(event.data)) as JsonObject;

/**
 * Chains `events` after `previousHash`, giving each its envelope metadata and hash. `metadata` may
 * depend on the event (its `schemaVersion` is per event type).
 */
export function sealEvents(
  previousHash: string | null,
  events: readonly { id: string; type: string; data: JsonObject }[],
  metadata: EnvelopeMetadata | ((event: { type: string }) => EnvelopeMetadata),
): EventToAppend[] {
  let hash = previousHash;
  return events.map(({ id, type, data }) => {
    const own = typeof metadata === 'function' ? metadata({ type }) : metadata;
    hash = eventHash(hash, type, data, own);
    return { id, type, data, metadata: { ...own, hash } as unknown as JsonObject };
  });
}

export type ChainBreak = { readonly revision: bigint; readonly eventId: string; readonly expected: string; readonly actual: string | undefined };

/** The hash an event's envelope must hold after `previousHash` in its stream (`expected`), and the one it holds (`actual`). */
export function sealOf(previousHash: string | null, { type, data, metadata }: Pick<RecordedEvent, 'type' | 'data' | 'metadata'>): { expected: string; actual: string | undefined } {
  const { hash: actual, ...own } = metadata as unknown as SealedMetadata;
  return { expected: eventHash(previousHash, type, data, own), actual };
}

/** The first event whose stored hash does not match its recomputed one, or `undefined` if the chain holds. */
export function firstChainBreak(events: readonly RecordedEvent[]): ChainBreak | undefined {
  let previousHash: string | null = null;
  for (const event of events) {
    const { expected, actual } = sealOf(previousHash, event);
    if (actual !== expected) return { revision: event.revision, eventId: event.id, expected, actual };
    previousHash = actual;
  }
  return undefined;
}

/** The hash of a stream's last event, to chain the next append to. */
export const lastHash = (events: readonly RecordedEvent[]): string | null =>
  events.length ? ((events.at(-1)!.metadata as unknown as SealedMetadata).hash ?? null) : null;

/**
 * When an event was recorded (docs/time-and-place.md "One `recordedAt`"): its envelope's `recordedAt`, which the
 * hash covers and export/import keeps (an importing store's own commit times are the import's),
 * else, for an event appended without one (or with one no layer can hold: `import` refuses it, a
 * store written before may have it), the store's commit time. This runs for every projected event:
 * `Date` parses, and the year must be one every layer holds (1–9999, as the API's times).
 */
export function recordedAtOf(event: RecordedEvent): Date {
  const stamped = event.metadata.recordedAt;
  const time = typeof stamped === 'string' ? new Date(stamped) : undefined;
  const year = time?.getUTCFullYear() ?? Number.NaN;
  return year >= 1 && year <= 9999 ? time! : event.recordedAt;
}

/** Who recorded an event: its envelope's `actor` (the token's `sub`), `null` for an event appended without one. */
export const actorOf = (event: RecordedEvent): string | null => (typeof event.metadata.actor === 'string' ? event.metadata.actor : null);
