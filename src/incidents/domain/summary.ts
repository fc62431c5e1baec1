import type { Party, RecordEvent } from './events.js';

/** Notes are free text; a timeline line stays one readable line. */
export const MAX_NOTE_SUMMARY = 160;

/**
 * A one-line human summary of a record or note for timelines, e.g.
 * "Coahuila state government (government): 7 armed group killed (incremental)".
 * `count` overrides the recorded count, so a corrected record reads with its current figure.
 */
export function summaryOf(record: RecordEvent, count?: number): string {
  const { source } = record.data;
  return `${source.name} (${source.kind}): ${factOf(record, count)}`;
}

function factOf(record: RecordEvent, override: number | undefined): string {
  if (record.type === 'TimelineNoteAdded') return oneLine(record.data.text);
  const count = override ?? record.data.count;
  switch (record.type) {
    case 'CasualtiesReported':
      return `${count} ${label(record.data.party)} ${record.data.outcome} (${record.data.basis})`;
    case 'HostagesTaken':
      return `${hostages(count, record.data.party)} taken`;
    case 'HostagesReleased':
      return `${hostages(count, record.data.party)} ${record.data.how}`;
    case 'HostagesKilled':
      return `${hostages(count, record.data.party)} killed`;
    case 'VehiclesSeized':
      return `${plural(count, 'vehicle')} seized (${record.data.vehicleKind})`;
    case 'WeaponsSeized':
      return `${plural(count, 'weapon')} seized (${record.data.weaponKind})`;
    case 'ArrestsMade':
      return plural(count, 'arrest');
  }
}

const label = (party: Party): string => party.replace('_', ' ');
const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const hostages = (count: number, party: Party): string => `${count} ${label(party)} ${count === 1 ? 'hostage' : 'hostages'}`;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_NOTE_SUMMARY ? line : `${line.slice(0, MAX_NOTE_SUMMARY - 1)}…`;
}
