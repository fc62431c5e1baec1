import { MEDIA, commandFor, corrected, hostagesReleased, hostagesTaken, killed, opened, retracted, vehiclesSeized } from '../../../test/support/incident-fixtures.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import type { IncidentCommand, MergeIncident, MergedLedgers } from './commands.js';
import { registered } from '../../../test/support/source-fixtures.js';
import { directoryOf } from '../../sources/domain/source-directory.js';
import { decide } from './decide.js';
import type { IncidentEvent } from './events.js';
import { evolve, initialState } from './incident.js';
import { ledgerOf, type RecordLedger } from './record-ledger.js';

const { given } = deciderSpec({ decide, evolve, initialState });

const MOST = 100_000;
const SURVIVOR = '7c1f0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER = '8d2a1b3f-4c5e-4f6a-9b0c-1d2e3f4a5b6c';
const THIRD = '9e3b2c4a-5d6f-4a7b-8c1d-2e3f4a5b6c7d';
/** `n` events built by `event(recordNumber)`, numbered from `from` (merged incidents' records get their own numbers). */
const many = (n: number, event: (recordNumber: number) => IncidentEvent, from = 1): IncidentEvent[] =>
  Array.from({ length: n }, (_, i) => event(from + i));
const ledger = (events: readonly IncidentEvent[]): RecordLedger => ledgerOf(events);
const police = (count: number, basis: 'incremental' | 'cumulative' = 'incremental') => (n: number) => killed(n, 'police', count, basis);
/** The state government's incremental reports of police killed, `n` of `MOST` each, from record `from`. */
const reports = (n: number, from: number) => many(n, police(MOST), from);
const GOVERNMENT_OVER = 'killed.police.sources[Coahuila state government] 10000001';

/** The command for `event` on a survivor that holds `merged`. */
const onSurvivor = (event: Parameters<typeof commandFor>[0], merged: MergedLedgers): IncidentCommand => ({ ...commandFor(event), merged }) as IncidentCommand;

describe('docs/figure-limits.md limits on a survivor: its merged ledger counts (docs/merge.md)', () => {
  describe('a record, correction or retraction on a survivor', () => {
    const fromOther = new Map([[OTHER, ledger(reports(50, 1001))]]);

    it('may bring a figure of the merged ledger to the limit', () => {
      given([opened, ...reports(49, 1)]).when(onSurvivor(police(MOST)(50), fromOther)).then([police(MOST)(50)]);
    });

    it('may not take it past the limit, though the survivor’s own records stay far below it', () => {
      given([opened, ...reports(50, 1)])
        .when(onSurvivor(police(1)(51), fromOther))
        .thenThrows('TALLY.LIMIT_EXCEEDED', { kind: 'rule', field: 'count', message: expect.stringContaining(GOVERNMENT_OVER) });
    });

    it('counts what every incident merged into it holds, along a chain', () => {
      const two = new Map([[OTHER, ledger(reports(30, 1001))], [THIRD, ledger(reports(30, 2001))]]);
      given([opened, ...reports(40, 1)]).when(onSurvivor(police(1)(41), two)).thenThrows('TALLY.LIMIT_EXCEEDED', { message: expect.stringContaining(GOVERNMENT_OVER) });
    });

    it('checks a correction on the merged ledger', () => {
      const oneMore = new Map([[OTHER, ledger([...reports(50, 1001), police(1)(1051)])]]);
      const survivor = [opened, ...reports(49, 1), police(1)(50)];
      given(survivor).when(onSurvivor(corrected(50, MOST - 1), oneMore)).then([corrected(50, MOST - 1)]);
      given(survivor).when(onSurvivor(corrected(50, MOST), oneMore)).thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'count', message: expect.stringContaining(GOVERNMENT_OVER) });
    });

    it('checks a retraction on the merged ledger: the survivor’s cumulative statement came after the merged reports', () => {
      const restated = [opened, police(5, 'cumulative')(1), ...reports(45, 2)];
      const earlier = new Map([[OTHER, ledger(reports(60, 1001))]]);
      given(restated).when(onSurvivor(retracted(1), earlier)).thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'recordId', message: expect.stringContaining('10500000') });
    });

    it('sums totals and seizures over the merged ledger', () => {
      const civilians = new Map([[OTHER, ledger(many(60, (n) => killed(n, 'civilian', MOST, 'incremental', MEDIA), 1001))]]);
      given([opened, ...reports(40, 1)]).when(onSurvivor(police(1)(41), civilians)).thenThrows('TALLY.LIMIT_EXCEEDED', { message: expect.stringContaining('killed.total.best 10000001') });
      const seized = new Map([[OTHER, ledger(many(60, (n) => vehiclesSeized(n, MOST), 1001))]]);
      given([opened, ...many(40, (n) => vehiclesSeized(n, MOST))]).when(onSurvivor(vehiclesSeized(41, 1), seized)).thenThrows('TALLY.LIMIT_EXCEEDED', { message: expect.stringContaining('vehiclesSeized 10000001') });
    });

    it('releases hostages the merged incident recorded taken (held is the merged ledger’s)', () => {
      const taken = new Map([[OTHER, ledger([hostagesTaken(1001, 'civilian', 3)])]]);
      given([opened]).when(onSurvivor(hostagesReleased(1, 'civilian', 2), taken)).then([hostagesReleased(1, 'civilian', 2)]);
      given([opened]).when(commandFor(hostagesReleased(1, 'civilian', 2))).thenThrows('HOSTAGES.RELEASE_EXCEEDS_HELD');
    });
  });

  describe('a merge', () => {
    /** This incident merged into SURVIVOR, which holds `records` and `merged`; `mine` is what is merged into this one. */
    const merge = (records: readonly IncidentEvent[], merged: MergedLedgers = new Map(), mine: MergedLedgers = new Map()): MergeIncident => ({
      type: 'MergeIncident',
      data: { incidentId: opened.data.incidentId, into: SURVIVOR },
      other: { status: 'open', path: [SURVIVOR] },
      merged: mine,
      survivor: { records: ledger(records), merged },
      metadata: { now: new Date('2026-01-01T00:00:00Z') },
    });
    const mergedEvent: IncidentEvent = { type: 'IncidentMergedInto', data: { incidentId: opened.data.incidentId, into: SURVIVOR } };

    it('may bring a figure of the survivor to the limit', () => {
      given([opened, ...reports(60, 1001)]).when(merge(reports(40, 1))).then([mergedEvent]);
    });

    it('is refused when the survivor’s figure would pass the limit, naming into and the figure', () => {
      given([opened, ...reports(60, 1001)])
        .when(merge([...reports(40, 1), police(1)(41)]))
        .thenThrows('TALLY.LIMIT_EXCEEDED', { kind: 'rule', field: 'into', message: expect.stringContaining(GOVERNMENT_OVER) });
    });

    it('names the registered source when given the registry (the records name it by an alias)', () => {
      const sources = directoryOf([registered({ name: 'Gobierno de Coahuila', aliases: ['Coahuila state government'] })]);
      const command = merge([...reports(40, 1), police(1)(41)]);
      given([opened, ...reports(60, 1001)])
        .when({ ...command, metadata: { ...command.metadata, sources } })
        .thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'into', message: expect.stringContaining('killed.police.sources[Gobierno de Coahuila] 10000001') });
    });

    it('counts the incidents merged into either side before', () => {
      const before = new Map([[THIRD, ledger(reports(30, 2001))]]);
      given([opened, ...reports(30, 1001)]).when(merge(reports(40, 1), before)).then([mergedEvent]);
      given([opened, ...reports(30, 1001)]).when(merge([...reports(40, 1), police(1)(41)], before)).thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'into' });
      given([opened, ...reports(30, 1001)]).when(merge([...reports(40, 1), police(1)(41)], new Map(), before)).thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'into' });
    });

    it('folds one source’s records over both incidents, as the reads do, rather than adding their figures', () => {
      // Apart, the state government says 6,000,000 in each; merged, its cumulative 0 comes after this incident's reports.
      given([opened, ...reports(60, 1001)]).when(merge([police(0, 'cumulative')(1), ...reports(60, 2)])).then([mergedEvent]);
    });
  });
});
