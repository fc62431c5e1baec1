/**
 * A command the actor registry's rules reject; nothing is appended. Kinds as the incident's
 * `DomainError`: `invalid` a bad value (400), `not_found` an unknown actor (404), `rule` a valid
 * value the actor's history forbids (422).
 */
export const ACTOR_ERRORS = {
  'ACTOR.NOT_FOUND': 'not_found',
  'ACTOR.ALREADY_EXISTS': 'rule',
  'ACTOR.MERGED': 'rule',
  'ACTOR.MERGE_INTO_SELF': 'rule',
  'ACTOR.CYCLE': 'rule',
  'ACTOR.TOO_MANY_ALIASES': 'rule',
  'ACTOR.NOT_ATTACHED': 'not_found',
  'ACTOR.UNREADABLE': 'rule',
  'VALUE.INVALID': 'invalid',
} as const;

export type ActorErrorCode = keyof typeof ACTOR_ERRORS;

export class ActorError extends Error {
  override readonly name = 'ActorError';
  readonly kind: (typeof ACTOR_ERRORS)[ActorErrorCode];

  constructor(
    readonly code: ActorErrorCode,
    message: string,
    /** The input field at fault (`parentActorId`, `into`, `alias`, …), when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.kind = ACTOR_ERRORS[code];
  }
}
