import { emptyDirectory, resolveSource, type SourceDirectory } from '../../sources/domain/source-directory.js';
import { hasVisibleText } from '../../sources/domain/source-key.js';
import type { MergedLedgers } from './commands.js';
import { DomainError, type DomainErrorCode } from './domain-error.js';
import {
  CATEGORIES,
  DATE_PRECISIONS,
  GEO_PRECISIONS,
  MAX_COUNT,
  MIN_COUNT,
  SOURCE_KINDS,
  type IncidentChanges,
  type IncidentEvent,
  type IncidentFields,
  type RecordBase,
  type RecordEvent,
  type Source,
} from './events.js';
import type { IncidentState } from './incident.js';
import { endsBeforeStart, isBareDate } from './local-date.js';
import { ledgerOf } from './record-ledger.js';
import { survivorLedger } from './merged-ledger.js';
import { figuresOf, MAX_FIGURE, tallyOfLedger, type Tally } from './tally.js';

/**
 * The checks the decider composes. Value checks repeat what the transports validate, on purpose:
 * the domain must hold whichever door (REST, GraphQL, CLI, demo) a command came through.
 */

/** Clocks of reporters and server disagree a little; a fact further ahead than this is a typo. */
export const FUTURE_SKEW_MS = 5 * 60 * 1000;

export function requireIncident(state: IncidentState, incidentId: string): void {
  if (state.status === 'none') throw new DomainError('INCIDENT.NOT_FOUND', `Incident ${incidentId} does not exist`);
}

/** `INCIDENT.CLOSED` (docs/merge.md: a merged incident is closed too; its message names the survivor, as it cannot be reopened). */
export function requireOpen(state: IncidentState, incidentId: string): void {
  requireIncident(state, incidentId);
  if (state.mergedInto !== undefined) throw new DomainError('INCIDENT.CLOSED', `Incident ${incidentId} was merged into ${state.mergedInto}; use that incident`);
  if (state.status === 'closed') throw new DomainError('INCIDENT.CLOSED', `Incident ${incidentId} is closed; reopen it first`);
}

export function requireNewRecordId(state: IncidentState, recordId: string): void {
  if (state.records.has(recordId)) {
    throw new DomainError('RECORD.DUPLICATE_ID', `Record ${recordId} already exists in this incident`, 'recordId');
  }
}

/** What a count out of its range is told, by the domain and the API's input rules alike. */
export const countMessage = (field: string, min: number): string => `${field} must be an integer from ${min} to ${MAX_COUNT}`;

export function requireCount(count: number, allowZero: boolean, field = 'count'): void {
  const min = allowZero ? 0 : MIN_COUNT;
  if (!Number.isInteger(count) || count < min || count > MAX_COUNT) {
    throw new DomainError('COUNT.OUT_OF_RANGE', countMessage(field, min), field);
  }
}

export function requireOneOf<T extends string>(value: string, allowed: readonly T[], field: string): void {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new DomainError('VALUE.INVALID', `${field} must be one of ${allowed.join(', ')}`, field);
  }
}

/** Text that shows something (`hasVisibleText`). */
export function requireText(value: unknown, field: string): void {
  if (!hasVisibleText(value)) {
    throw new DomainError('VALUE.INVALID', `${field} must be a non-empty string`, field);
  }
}

/** The earliest time zone, UTC+14:00: a calendar day begins there first. */
const EARLIEST_OFFSET_MS = 14 * 60 * 60 * 1000;

/**
 * A time no later than `now` (give or take `FUTURE_SKEW_MS`). A bare date is a calendar day, which
 * some reporter's today is from the moment it begins in the earliest time zone.
 */
export function requirePastTime(iso: string, now: Date, field: string): void {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new DomainError('OCCURRED_AT.INVALID', `${field} must be an ISO-8601 time`, field);
  if ((isBareDate(iso) ? time - EARLIEST_OFFSET_MS : time) > now.getTime() + FUTURE_SKEW_MS) {
    throw new DomainError('OCCURRED_AT.IN_FUTURE', `${field} lies in the future`, field);
  }
}

function requireSource(source: Source): void {
  requireText(source.name, 'source.name');
  requireOneOf(source.kind, SOURCE_KINDS, 'source.kind');
  if (source.publishedAt !== undefined && Number.isNaN(Date.parse(source.publishedAt))) {
    throw new DomainError('VALUE.INVALID', 'source.publishedAt must be an ISO-8601 time', 'source.publishedAt');
  }
}

/** A new record's count (docs/domain.md): from 1, or from 0 for a cumulative casualty statement; a note has none. */
export function requireRecordCount(record: RecordEvent): void {
  if (record.type === 'CasualtiesReported') requireCount(record.data.count, record.data.basis === 'cumulative');
  else if (record.type !== 'TimelineNoteAdded') requireCount(record.data.count, false);
}

/** What every record and note must get right, whatever it counts. */
export function requireValidRecordBase(data: Omit<RecordBase, 'note'>, now: Date): void {
  requireText(data.recordId, 'recordId');
  requirePastTime(data.occurredAt, now, 'occurredAt');
  requireOneOf(data.datePrecision, DATE_PRECISIONS, 'datePrecision');
  requireSource(data.source);
}

/** Checks the incident fields that are present (all of them when opening, the changed ones when amending). */
export function requireValidFields(fields: IncidentChanges, now: Date): void {
  if (fields.occurredAt !== undefined) requirePastTime(fields.occurredAt, now, 'occurredAt');
  if (typeof fields.occurredUntil === 'string') requirePastTime(fields.occurredUntil, now, 'occurredUntil');
  requireFieldValues(fields);
}

/**
 * The rules on the values of the incident fields present, whatever the moment: `requireValidFields`
 * less its times' "not in the future" (`import` checks a stored event's fields by them).
 */
export function requireFieldValues(fields: IncidentChanges): void {
  if (fields.title !== undefined) requireText(fields.title, 'title');
  if (fields.category !== undefined) requireOneOf(fields.category, CATEGORIES, 'category');
  if (fields.datePrecision !== undefined) requireOneOf(fields.datePrecision, DATE_PRECISIONS, 'datePrecision');
  if (fields.location !== undefined && !/^[A-Z]{2}$/.test(fields.location.country)) {
    throw new DomainError('VALUE.INVALID', 'location.country must be an ISO 3166-1 alpha-2 code', 'location.country');
  }
  const { lat, lon } = fields.location ?? {};
  if (lat !== undefined && !(Math.abs(lat) <= 90)) throw new DomainError('VALUE.INVALID', 'location.lat out of range', 'location.lat');
  if (lon !== undefined && !(Math.abs(lon) <= 180)) throw new DomainError('VALUE.INVALID', 'location.lon out of range', 'location.lon');
  if (fields.location !== undefined) requirePlacedLocation(fields.location);
}

const HELD_GOES_NEGATIVE: Partial<Record<RecordEvent['type'], DomainErrorCode>> = {
  HostagesTaken: 'HOSTAGES.TAKEN_BELOW_RELEASED_AND_KILLED',
  HostagesReleased: 'HOSTAGES.RELEASE_EXCEEDS_HELD',
  HostagesKilled: 'HOSTAGES.KILLED_EXCEEDS_HELD',
};

/**
 * The rules on the incident's tally as `candidate` (a new record, a correction or a retraction of
 * `record`) would leave it, checked on the tally of a copy of the ledger with it applied, so the
 * three share them: docs/tallies.md "Hostages", no party holds fewer than zero hostages; docs/figure-limits.md, no figure
 * exceeds `MAX_FIGURE` (a retraction can raise one too: retracting a source's cumulative statement
 * brings back the sum of its incremental reports). A survivor's tally is that of its merged ledger
 * (docs/merge.md, `survivorLedger` with the incidents `merged` into it), as every read counts it.
 */
export function requireTallyWithinRules(record: RecordEvent, state: IncidentState, candidate: IncidentEvent, merged: MergedLedgers = new Map(), sources?: SourceDirectory): void {
  if (record.type === 'TimelineNoteAdded') return;
  const after = tallyOfLedger(survivorLedger(ledgerOf([candidate], state.records), merged));
  const before = () => tallyOfLedger(survivorLedger(state.records, merged));
  const field = candidate.type === 'RecordRetracted' ? 'recordId' : 'count';
  const code = HELD_GOES_NEGATIVE[record.type];
  if (code !== undefined && 'party' in record.data) {
    const party = record.data.party;
    if ((after.hostages.find((h) => h.party === party)?.held ?? 0) < 0) {
      throw new DomainError(code, `This would leave fewer than zero ${party} hostages held`, field);
    }
  }
  requireWithinLimit(after, before, field, sources);
}

/**
 * docs/figure-limits.md "The limit per incident": no figure of `after` (the tally a change leaves)
 * exceeds `MAX_FIGURE` and is higher than in `before` (the tally without the change), else
 * `TALLY.LIMIT_EXCEEDED` naming `field`, its message the first such figure: a figure already past the
 * limit (events from before it, an import) may be lowered or left as it is, not raised. Checked
 * without the source registry: a registration never raises a figure past the largest the
 * unregistered tally gives (see `sourceFoldsOf`). With the registry (`sources`), the message names a
 * registered source by its registered name, as reads do. `before` is only read when a figure is over.
 */
export function requireWithinLimit(after: Tally, before: () => Tally, field: string, sources: SourceDirectory = emptyDirectory): void {
  const nameOf = (name: string) => resolveSource(sources, name).name ?? name;
  const overs = figuresOf(after, nameOf).filter(([, value]) => value > MAX_FIGURE);
  if (overs.length === 0) return;
  const was = new Map(figuresOf(before(), nameOf));
  const over = overs.find(([name, value]) => value > (was.get(name) ?? 0));
  if (over !== undefined) {
    throw new DomainError('TALLY.LIMIT_EXCEEDED', `This would make ${over[0]} ${over[1]}, over the limit of ${MAX_FIGURE} per figure of an incident`, field);
  }
}

/** A date range does not end before it starts (docs/time-and-place.md), checked on the incident's fields as the command would leave them. */
export function requireOrderedRange({ occurredAt, occurredUntil }: Pick<IncidentFields, 'occurredAt' | 'occurredUntil'>): void {
  if (occurredUntil !== undefined && endsBeforeStart(occurredAt, occurredUntil)) {
    throw new DomainError('OCCURRED_UNTIL.BEFORE_OCCURRED_AT', 'occurredUntil must not be before occurredAt', 'occurredUntil');
  }
}

/** Coordinates come both or neither; `point` and `near` place the incident at them, so they need them. */
function requirePlacedLocation({ lat, lon, geoPrecision }: IncidentFields['location']): void {
  if ((lat === undefined) !== (lon === undefined)) {
    const missing = lat === undefined ? 'location.lat' : 'location.lon';
    throw new DomainError('VALUE.INVALID', `${missing} is missing: give both coordinates or neither`, missing);
  }
  requireOneOf(geoPrecision, GEO_PRECISIONS, 'location.geoPrecision');
  if ((geoPrecision === 'point' || geoPrecision === 'near') && lat === undefined) {
    throw new DomainError('VALUE.INVALID', `location.geoPrecision ${geoPrecision} needs coordinates`, 'location.geoPrecision');
  }
}
