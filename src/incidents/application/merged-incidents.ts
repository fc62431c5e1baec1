import type { EventStore } from '../../event-store/event-store.port.js';
import { INCIDENT_STREAM_PREFIX, incidentStream } from '../../event-store/stream-names.js';
import { KeptEvents } from '../../event-store/kept-events.js';
import type { IncidentCommand, MergedLedgers } from '../domain/commands.js';
import { survivorOf } from '../domain/merged-ledger.js';
import type { IncidentHistories } from './incident-histories.js';
import { toIncidentEvent } from '../stored-events/incident-events.js';

/** The commands that change an incident's tally: on a survivor they are decided on its merged ledger (docs/merge.md). */
export const TALLY_COMMANDS: ReadonlySet<IncidentCommand['type']> = new Set([
  'ReportCasualties',
  'RecordHostagesTaken',
  'RecordHostagesReleased',
  'RecordHostagesKilled',
  'RecordVehiclesSeized',
  'RecordWeaponsSeized',
  'RecordArrests',
  'CorrectRecord',
  'RetractRecord',
]);


/**
 * Which incidents were merged into which, as the store holds it: the `IncidentMergedInto` events of
 * `$all` (a survivor's own stream does not name the incidents merged into it, and decisions are
 * made against streams, never read models), with each merged incident's ledger read from its stream.
 */
export class MergedIncidents {
  private readonly merges: KeptEvents;

  constructor(
    store: EventStore,
    private readonly histories: IncidentHistories,
  ) {
    this.merges = new KeptEvents(store, { streamNamePrefixes: [INCIDENT_STREAM_PREFIX], eventTypes: ['IncidentMergedInto'] });
  }

  /** The incidents merged into `survivorId`, directly or along a chain, each with its ledger as its stream holds it now. */
  async into(survivorId: string): Promise<MergedLedgers> {
    const into = new Map<string, string>();
    for (const recorded of await this.merges.all()) {
      const event = toIncidentEvent(recorded);
      if (event.type === 'IncidentMergedInto') into.set(event.data.incidentId, event.data.into);
    }
    const ids = [...into.keys()].filter((id) => id !== survivorId && survivorOf(id, into) === survivorId);
    const histories = await Promise.all(ids.map((id) => this.histories.read(incidentStream(id))));
    return new Map(ids.map((id, i) => [id, histories[i]?.state.records ?? new Map()]));
  }
}
