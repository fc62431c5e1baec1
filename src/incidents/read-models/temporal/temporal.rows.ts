import type { EntityManager } from 'typeorm';
import { actorOf, canonicalJson, recordedAtOf } from '../../../event-store/envelope.js';
import type { RecordedEvent } from '../../../event-store/event-store.port.js';
import { type BulkWrite, copyRows } from '../../../projections/bulk-write.js';
import { isRecordEvent, type IncidentEvent } from '../../domain/events.js';
import { HOSTAGE_COUNTS } from '../../domain/tally.js';
import type { Folding } from '../incident-foldings.js';
import { appendedValues, figureKeyOf, figureValues, keyName } from './temporal-figures.js';

/** `valid_to` of a version that still holds: the largest bigint, so "held at P" is `valid_from <= P AND valid_to > P`. */
export const OPEN_END = '9223372036854775807';

const range = { valid_from: 'bigint', valid_to: 'bigint' };
const version = (table: string, key: readonly string[], values: Readonly<Record<string, string>>): BulkWrite => ({
  table,
  columns: { incident_id: 'uuid', ...Object.fromEntries(key.map((name) => [name, 'text'])), ...range, ...values },
  upsert: { key: ['incident_id', ...key, 'valid_from'], update: Object.keys(values) },
});
const bigints = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, 'bigint']));

const VERSIONS = {
  temporal_incidents: version('temporal_incidents', [], { status: 'text', fields: 'jsonb', merged_into: 'uuid' }),
  temporal_source_figures: version('temporal_source_figures', ['outcome', 'party', 'source'], { figure: 'bigint', first_seq: 'integer', first_name: 'text', last_seq: 'integer' }),
  temporal_hostages: version('temporal_hostages', ['party'], bigints(HOSTAGE_COUNTS)),
  temporal_seizures: version('temporal_seizures', [], bigints(['vehicles_seized', 'weapons_seized', 'arrests'])),
} as const;
type VersionTable = keyof typeof VERSIONS;

export const TEMPORAL_TABLES = [...Object.keys(VERSIONS), 'temporal_record_changes', 'temporal_event_clock'];

const RECORD_CHANGES: BulkWrite = {
  table: 'temporal_record_changes',
  columns: {
    incident_id: 'uuid', position: 'bigint', record_id: 'uuid', change: 'text', record_type: 'text', outcome: 'text', party: 'text',
    source: 'text', count: 'bigint', recorded_at: 'timestamptz', actor: 'text',
  },
};

type Row = Record<string, unknown>;
/** The version of a figure (or of the incident) that holds now; `pending` until its row is written. */
type OpenVersion = { readonly write: BulkWrite; readonly row: Row; pending: boolean };

/** What the projection keeps per incident for its temporal rows. */
export interface TemporalState {
  /** Per table and figure, its records' ids with their ledger `seq`, in recorded order. */
  readonly members: Map<string, Map<string, number>>;
  /** Per table and figure (`keyName`, as read back from the key columns), the version that holds now. */
  readonly open: Map<string, OpenVersion>;
}

export const emptyTemporalState = (): TemporalState => ({ members: new Map(), open: new Map() });

/**
 * Whether two rows hold the same values in the updated columns, alike whether built from an event
 * or read back (bigints as strings, jsonb reordered). Column by column, without building a string:
 * this runs for every event.
 */
function sameValues({ columns, upsert }: BulkWrite, a: Row, b: Row): boolean {
  for (const name of upsert!.update) {
    const type = columns[name];
    // The same object (an incident's fields an event left as they were) needs no canonical JSON.
    const same = a[name] === b[name] || (type === 'jsonb' ? canonicalJson(a[name]) === canonicalJson(b[name]) : type !== 'text' && type !== 'uuid' && Number(a[name]) === Number(b[name]));
    if (!same) return false;
  }
  return true;
}

/**
 * Gives the incidents loaded from their rows (no temporal state in memory) their state back: the
 * figures' members from the ledger, the open versions from the tables.
 */
export async function loadTemporalStates(manager: EntityManager, foldings: readonly Folding[]): Promise<void> {
  const missing = foldings.filter((folding) => folding.temporal === undefined);
  if (missing.length === 0) return;
  const byId = new Map(missing.map((folding) => [folding.incidentId, folding]));
  for (const folding of missing) {
    const state = emptyTemporalState();
    let seq = 0;
    for (const [recordId, { record }] of folding.ledger) {
      const key = figureKeyOf(record);
      if (key) membersOf(state, openName(key.table, keyName(key))).set(recordId, seq);
      seq++;
    }
    folding.temporal = state;
  }
  for (const [table, write] of Object.entries(VERSIONS)) {
    const rows: Row[] = await manager.query(`SELECT * FROM ${table} WHERE incident_id = ANY($1::uuid[]) AND valid_to = $2`, [[...byId.keys()], OPEN_END]);
    for (const row of rows) {
      const { incident_id: incidentId, ...key } = Object.fromEntries(write.upsert!.key.slice(0, -1).map((name) => [name, row[name]]));
      byId.get(incidentId as string)!.temporal!.open.set(openName(table, Object.values(key).join('\0')), { write, row, pending: false });
    }
  }
}

const membersOf = (state: TemporalState, name: string): Map<string, number> => {
  let members = state.members.get(name);
  if (members === undefined) state.members.set(name, (members = new Map()));
  return members;
};
const openName = (table: string, key: string): string => `${table}\0${key}`;

/**
 * One projection batch's temporal rows: fed each incident event of the batch after the domain
 * folded it into its incident (stream order per incident), it closes the version of what the event
 * changed at the event's position and opens the new one; `write` stores them with the batch.
 */
export class TemporalBatch {
  private readonly added: OpenVersion[] = [];
  private readonly closed = new Map<BulkWrite, Row[]>();
  private readonly changes: Row[] = [];

  add(folding: Folding, recorded: RecordedEvent, event: IncidentEvent): void {
    const state = folding.temporal!;
    if (!('recordId' in event.data)) {
      const { status, fields, mergedInto } = folding.state;
      if (fields !== undefined) this.move(folding, 'temporal_incidents', openName('temporal_incidents', ''), { status, fields, merged_into: mergedInto ?? null }, recorded.position);
      return;
    }
    const entry = folding.ledger.get(event.data.recordId);
    const key = entry && figureKeyOf(entry.record);
    if (key === undefined) return;
    const name = openName(key.table, keyName(key));
    const members = membersOf(state, name);
    const appended = isRecordEvent(event) && entry!.record === event && !entry!.retracted;
    if (appended) members.set(event.data.recordId, folding.ledger.size - 1);
    const before = state.open.get(name)?.row;
    const values = appended ? appendedValues(key, before, entry!, folding.ledger.size - 1) : figureValues(key, members, folding.ledger);
    this.move(folding, key.table, name, values, recorded.position);
    const data = entry!.record.data as { source: { name: string }; outcome?: string; party?: string };
    this.changes.push({
      incident_id: folding.incidentId,
      position: recorded.position,
      record_id: event.data.recordId,
      change: event.type === 'RecordCorrected' ? 'corrected' : event.type === 'RecordRetracted' ? 'retracted' : 'recorded',
      record_type: entry!.record.type,
      outcome: data.outcome ?? null,
      party: data.party ?? null,
      source: data.source.name,
      count: entry!.count ?? null,
      recorded_at: recordedAtOf(recorded),
      actor: actorOf(recorded),
    });
  }

  /**
   * Closes the open version of the figure named `name` (`openName`) at `position` and opens one
   * with `values` (none: the figure is gone), if they differ.
   */
  private move(folding: Folding, table: VersionTable, name: string, values: Row | undefined, position: bigint): void {
    const write = VERSIONS[table];
    const open = folding.temporal!.open;
    const before = open.get(name);
    if (before === undefined ? values === undefined : values !== undefined && sameValues(write, before.row, values)) return;
    // `values` is the event's own (made for this move): it becomes the row.
    const row = values && Object.assign(values, { incident_id: folding.incidentId, valid_from: position, valid_to: OPEN_END });
    if (before?.pending) before.row.valid_to = position;
    else if (before) {
      const closed = this.closed.get(write) ?? [];
      closed.push({ ...before.row, valid_to: position });
      this.closed.set(write, closed);
    }
    if (row === undefined) open.delete(name);
    else {
      const opened = { write, row, pending: true };
      open.set(name, opened);
      this.added.push(opened);
    }
  }

  async write(manager: EntityManager): Promise<void> {
    for (const [write, rows] of this.closed) await closeVersions(manager, write, rows);
    for (const write of Object.values(VERSIONS)) await copyRows(manager, write, this.added.filter((added) => added.write === write).map(({ row }) => row));
    for (const added of this.added) added.pending = false;
    await copyRows(manager, RECORD_CHANGES, this.changes);
  }
}

/** Sets `valid_to` of these versions (rows with their primary key), in one statement. */
async function closeVersions(manager: EntityManager, { table, columns, upsert }: BulkWrite, rows: readonly Row[]): Promise<void> {
  const key = upsert!.key;
  await manager.query(
    `UPDATE ${table} AS t SET valid_to = r.valid_to
     FROM jsonb_to_recordset($1::jsonb) AS r(${[...key, 'valid_to'].map((name) => `${name} ${columns[name]}`).join(', ')})
     WHERE t.incident_id = ANY($2::uuid[]) AND ${key.map((name) => `t.${name} = r.${name}`).join(' AND ')}`,
    [JSON.stringify(rows.map((row) => Object.fromEntries([...key, 'valid_to'].map((name) => [name, String(row[name])])))), [...new Set(rows.map((row) => row.incident_id))]],
  );
}
