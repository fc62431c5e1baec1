import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { canonicalJson, sha256, type EnvelopeMetadata } from '../../event-store/envelope.js';

// Fixed namespace for ids derived from idempotency keys; changing it would break idempotency across deploys.
const NAMESPACE = '3f6c1f0e-6f0a-4a53-9a8e-6f1c2f5b9d41';

/** Who sends a command and how it must be applied: the envelope's inputs besides the command itself. */
export interface CommandContext {
  readonly actor: string;
  /** Stable per (actor, Idempotency-Key), random otherwise; every id derived below follows it. */
  readonly commandId: string;
  readonly idempotencyKey?: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** From `If-Match`: the stream must be at exactly this revision, or the command fails with 412. */
  readonly expectedRevision?: bigint;
}

export interface CommandContextInput {
  readonly actor: string;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly expectedRevision?: bigint;
}

export function commandContext(input: CommandContextInput): CommandContext {
  const commandId = input.idempotencyKey ? uuidv5(`${input.actor}\n${input.idempotencyKey}`, NAMESPACE) : randomUUID();
  return {
    actor: input.actor,
    commandId,
    idempotencyKey: input.idempotencyKey,
    correlationId: input.correlationId ?? commandId,
    causationId: input.causationId ?? commandId,
    expectedRevision: input.expectedRevision,
  };
}

/**
 * The fingerprint of a command as the transports build it (its type and data, RFC 8785 canonical
 * JSON), which tells a true repeat from a reused key: the same command sent again through REST,
 * GraphQL or the CLI is the same request. Taken by the command handler, after the transport validated
 * the input (RFC 8785 refuses unpaired surrogates, which validation reports as a 400).
 */
export const requestHashOf = (request: object): string => sha256(canonicalJson(request));

/**
 * An id the server assigns for this command (a new incident's or record's): derived from the command id,
 * so a repeated idempotent request lands on the same incident and record instead of creating another.
 */
export const derivedId = (context: CommandContext, purpose: string): string => uuidv5(purpose, context.commandId);

/** The envelope metadata of an event decided for `context` (its request's fingerprint `requestHash`) at `now` (docs/domain.md), at its type's schema version. */
export const envelopeOf = (context: CommandContext, requestHash: string, now: Date, schemaVersion: number): EnvelopeMetadata => ({
  commandId: context.commandId,
  correlationId: context.correlationId,
  causationId: context.causationId,
  actor: context.actor,
  recordedAt: now.toISOString(),
  schemaVersion,
  requestHash,
});

/**
 * The id of the `index`th event a command appends to `stream`: a true repeat of the command (same
 * request) appends the same ids, which the store takes as the same append. The request's fingerprint
 * is part of it, so a reused key with another request racing the first is a different append: it
 * loses the race, is read again and refused (`IdempotencyKeyReused`), instead of passing for the first.
 */
export const eventIdOf = (context: CommandContext, requestHash: string, stream: string, index: number): string => uuidv5(`${stream}#${index}#${requestHash}`, context.commandId);
