import type { Outcome, Party, RecordEvent } from '../../domain/events.js';
import type { LedgerEntry } from '../../domain/record-ledger.js';
import { sourceKey } from '../../../sources/domain/source-key.js';
import { HOSTAGE_COUNTS, hostagesAfter, isHostageRecord, noHostages, sourceFigureAfter, spellingFoldsOf, tallyOfLedger } from '../../domain/tally.js';

/**
 * What a counted record's figure is part of: one spelling's figure on an (outcome, party) (`source`
 * is the `sourceKey` of the name as recorded: which source it is depends on the registry as of a
 * cut, so readers resolve it then), one party's
 * hostages, or the incident's seizures and arrests. A record changes only its own figure, so the
 * projection refolds that figure alone, from its records, per event.
 */
export type FigureKey =
  | { readonly table: 'temporal_source_figures'; readonly outcome: Outcome; readonly party: Party; readonly source: string }
  | { readonly table: 'temporal_hostages'; readonly party: Party }
  | { readonly table: 'temporal_seizures' };

/** The figure a record counts in; `undefined` for a note. */
export function figureKeyOf(record: RecordEvent): FigureKey | undefined {
  switch (record.type) {
    case 'CasualtiesReported':
      return { table: 'temporal_source_figures', outcome: record.data.outcome, party: record.data.party, source: sourceKey(record.data.source.name) };
    case 'HostagesTaken':
    case 'HostagesReleased':
    case 'HostagesKilled':
      return { table: 'temporal_hostages', party: record.data.party };
    case 'TimelineNoteAdded':
      return undefined;
    default:
      return { table: 'temporal_seizures' };
  }
}

/** A stable name for a key within its table, its parts in column order (enum names and source names, no NUL). */
export function keyName(key: FigureKey): string {
  const { table: _table, ...parts } = key;
  return Object.values(parts).join('\0');
}

/**
 * A figure's row values (without incident and range), from the records that count in it with their
 * ledger `seq`, in recorded order: the domain's `tallyOfLedger` over just these records, so the rows
 * follow docs/tallies.md's rules for casualties, hostages and seizures exactly. `undefined` when
 * none of them is live (no row, as the tally lists no such source or party).
 */
export function figureValues(key: FigureKey, members: ReadonlyMap<string, number>, ledger: ReadonlyMap<string, LedgerEntry>): Record<string, unknown> | undefined {
  const own = new Map<string, LedgerEntry>();
  const live: number[] = [];
  for (const [recordId, seq] of members) {
    const entry = ledger.get(recordId)!;
    own.set(recordId, entry);
    if (!entry.retracted) live.push(seq);
  }
  if (live.length === 0) return undefined;
  const tally = tallyOfLedger(own);
  switch (key.table) {
    case 'temporal_source_figures': {
      const [{ figure, firstName }] = spellingFoldsOf(own);
      return { outcome: key.outcome, party: key.party, source: key.source, figure, first_seq: live[0], first_name: firstName, last_seq: live.at(-1) };
    }
    case 'temporal_hostages':
      return { ...tally.hostages[0] };
    case 'temporal_seizures':
      return { vehicles_seized: tally.vehiclesSeized, weapons_seized: tally.weaponsSeized, arrests: tally.arrests };
  }
}

/** Rule 4's columns: what each seizure or arrest record adds to. */
const SUMMED_INTO: Readonly<Record<string, string>> = { VehiclesSeized: 'vehicles_seized', WeaponsSeized: 'weapons_seized', ArrestsMade: 'arrests' };

/**
 * A figure's row values after a new live record (the last of its members, with ledger `seq`) is
 * added to `before` (its open version's row, bigints possibly as strings; none when no member was
 * live): the domain's step of the rule (`sourceFigureAfter`, `hostagesAfter`, rule 4's sum), so
 * a long history costs one step per record rather than a refold of the figure's records.
 */
export function appendedValues(key: FigureKey, before: Readonly<Record<string, unknown>> | undefined, { record, count = 0 }: LedgerEntry, seq: number): Record<string, unknown> {
  const was = (column: string) => Number(before?.[column] ?? 0);
  switch (key.table) {
    case 'temporal_source_figures':
      if (record.type !== 'CasualtiesReported') throw new Error(`${record.type} is not a casualty record`);
      return {
        outcome: key.outcome,
        party: key.party,
        source: key.source,
        figure: sourceFigureAfter(was('figure'), record, count),
        first_seq: before?.first_seq ?? seq,
        first_name: before?.first_name ?? record.data.source.name,
        last_seq: seq,
      };
    case 'temporal_hostages': {
      if (!isHostageRecord(record)) throw new Error(`${record.type} is not a hostage record`);
      const counts = Object.fromEntries(HOSTAGE_COUNTS.map((name) => [name, was(name)]));
      return { ...hostagesAfter({ ...noHostages(key.party), ...counts }, record, count) };
    }
    case 'temporal_seizures': {
      const column = SUMMED_INTO[record.type];
      return { vehicles_seized: was('vehicles_seized'), weapons_seized: was('weapons_seized'), arrests: was('arrests'), [column]: was(column) + count };
    }
  }
}
