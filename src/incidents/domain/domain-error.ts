/**
 * How a broken rule maps to a transport, decided here once: `invalid` is a bad value (HTTP 400),
 * `not_found` an unknown incident or record (404), `rule` a valid value the incident's history
 * forbids (422), `conflict` a value another aggregate already holds (409).
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'rule' | 'conflict';

export const DOMAIN_ERRORS = {
  'INCIDENT.NOT_FOUND': 'not_found',
  'INCIDENT.ALREADY_EXISTS': 'rule',
  'INCIDENT.CLOSED': 'rule',
  'INCIDENT.ALREADY_CLOSED': 'rule',
  'INCIDENT.ALREADY_OPEN': 'rule',
  'RECORD.NOT_FOUND': 'not_found',
  'RECORD.DUPLICATE_ID': 'rule',
  'RECORD.ALREADY_RETRACTED': 'rule',
  'RECORD.NOT_COUNTABLE': 'rule',
  'COUNT.OUT_OF_RANGE': 'invalid',
  'OCCURRED_AT.INVALID': 'invalid',
  'OCCURRED_AT.IN_FUTURE': 'invalid',
  'OCCURRED_UNTIL.BEFORE_OCCURRED_AT': 'invalid',
  'VALUE.INVALID': 'invalid',
  'HOSTAGES.RELEASE_EXCEEDS_HELD': 'rule',
  'HOSTAGES.KILLED_EXCEEDS_HELD': 'rule',
  'HOSTAGES.TAKEN_BELOW_RELEASED_AND_KILLED': 'rule',
  'TALLY.LIMIT_EXCEEDED': 'rule',
  'INCIDENT.MERGED': 'rule',
  'LINK.TO_ITSELF': 'rule',
  'MERGE.INTO_ITSELF': 'rule',
  'MERGE.CYCLE': 'rule',
  'ACTOR.NOT_ATTACHED': 'not_found',
  'SOURCE.NOT_FOUND': 'not_found',
  'SOURCE.ALREADY_EXISTS': 'rule',
  'SOURCE.NAME_TAKEN': 'conflict',
  'SOURCE.UNREADABLE': 'rule',
} as const satisfies Record<string, DomainErrorKind>;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

/** A command the incident's rules reject; nothing is appended. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly kind: DomainErrorKind;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field at fault (`count`, `occurredAt`, `source.kind`, …), when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.kind = DOMAIN_ERRORS[code];
  }
}
