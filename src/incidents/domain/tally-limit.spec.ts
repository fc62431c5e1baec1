import {
  MEDIA,
  arrests,
  casualties,
  commandFor,
  corrected,
  hostagesReleased,
  hostagesTaken,
  killed,
  note,
  opened,
  retracted,
  vehiclesSeized,
  weaponsSeized,
} from '../../../test/support/incident-fixtures.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import { decide } from './decide.js';
import type { IncidentEvent } from './events.js';
import { evolve, initialState } from './incident.js';
import { MAX_FIGURE } from './tally.js';
import { registered } from '../../../test/support/source-fixtures.js';
import { directoryOf } from '../../sources/domain/source-directory.js';
import type { IncidentCommand } from './commands.js';

const { given } = deciderSpec({ decide, evolve, initialState });

/** The largest count one record may carry: reaching `MAX_FIGURE` takes a hundred of them. */
const MOST = 100_000;
/** `n` events built by `event(recordNumber)`, numbered from `from`. */
const many = (n: number, event: (recordNumber: number) => IncidentEvent, from = 1): IncidentEvent[] =>
  Array.from({ length: n }, (_, i) => event(from + i));

describe('docs/figure-limits.md limits: no figure of an incident exceeds 10,000,000', () => {
  it('is ten million', () => {
    expect(MAX_FIGURE).toBe(10_000_000);
  });

  describe('a source figure', () => {
    const atNinetyNine = [opened, ...many(99, (n) => killed(n, 'police', MOST))];

    it('may reach the limit', () => {
      given(atNinetyNine).when(commandFor(killed(100, 'police', MOST))).then([killed(100, 'police', MOST)]);
    });

    it('counts every spelling of the source (docs/sources.md source identity): another spelling cannot add past it', () => {
      const full = [...atNinetyNine, killed(100, 'police', MOST)];
      const respelled = { name: '  COAHUILA   State Government ', kind: 'government' } as const;
      given(full)
        .when(commandFor(killed(101, 'police', 1, 'incremental', respelled)))
        .thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'count', message: expect.stringContaining('killed.police.sources[Coahuila state government] 10000001') });
    });

    it('may not go past it, by one', () => {
      given([...atNinetyNine, killed(100, 'police', MOST)])
        .when(commandFor(killed(101, 'police', 1)))
        .thenThrows('TALLY.LIMIT_EXCEEDED', { kind: 'rule', field: 'count', message: expect.stringContaining('killed.police.sources[Coahuila state government] 10000001') });
    });

    it('is per source and outcome: another source, or the injured, start from zero', () => {
      const full = [...atNinetyNine, killed(100, 'police', MOST)];
      const injured = casualties(101, { party: 'police', outcome: 'injured', count: 1, basis: 'incremental' });
      given(full).when(commandFor(killed(101, 'police', 1, 'incremental', MEDIA))).then([killed(101, 'police', 1, 'incremental', MEDIA)]);
      given(full).when(commandFor(injured)).then([injured]);
    });

    it('leaves no room for another party: the total over parties would pass it', () => {
      given([...atNinetyNine, killed(100, 'police', MOST)])
        .when(commandFor(killed(101, 'military', 1)))
        .thenThrows('TALLY.LIMIT_EXCEEDED', { message: expect.stringContaining('killed.total.best 10000001') });
    });

    it('counts a cumulative statement as the figure it replaces the sum with', () => {
      const restated = [...atNinetyNine, killed(100, 'police', 0, 'cumulative')];
      given(restated).when(commandFor(killed(101, 'police', MOST))).then([killed(101, 'police', MOST)]);
    });
  });

  describe('the totals over parties', () => {
    it('may not exceed it, though each party stays within it', () => {
      const split = [opened, ...many(60, (n) => killed(n, 'armed_group', MOST)), ...many(40, (n) => killed(n, 'police', MOST), 61)];
      given(split)
        .when(commandFor(killed(101, 'civilian', 1)))
        .thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'count', message: expect.stringContaining('killed.total.best 10000001') });
    });
  });

  describe('naming a figure over the limit, given the source registry', () => {
    // Registered as `Coahuila state government`: the records report under its alias.
    const sources = directoryOf([registered({ name: 'Coahuila state government', aliases: ['Gobierno de Coahuila'] })]);
    const alias = { name: 'Gobierno de Coahuila', kind: 'government' } as const;
    const full = [opened, ...many(100, (n) => killed(n, 'police', MOST, 'incremental', alias))];
    const withRegistry = (command: IncidentCommand): IncidentCommand => ({ ...command, metadata: { ...command.metadata, sources } });
    const named = (name: string) => ({ field: 'count', message: expect.stringContaining(`killed.police.sources[${name}] 10000001`) });

    it('names the source as recorded without it', () => {
      given(full).when(commandFor(killed(101, 'police', 1, 'incremental', alias))).thenThrows('TALLY.LIMIT_EXCEEDED', named('Gobierno de Coahuila'));
    });

    it('names the registered source, as reads do, with it: on a report, a correction and a retraction', () => {
      given(full).when(withRegistry(commandFor(killed(101, 'police', 1, 'incremental', alias)))).thenThrows('TALLY.LIMIT_EXCEEDED', named('Coahuila state government'));
      const nearly = [opened, ...many(99, (n) => killed(n, 'police', MOST, 'incremental', alias)), ...many(2, (n) => killed(n, 'police', 1, 'incremental', alias), 100)];
      given(nearly).when(withRegistry(commandFor(corrected(100, MOST)))).thenThrows('TALLY.LIMIT_EXCEEDED', named('Coahuila state government'));
      const restated = [opened, ...many(99, (n) => killed(n, 'police', MOST, 'incremental', alias)), killed(100, 'police', 0, 'cumulative', alias), ...many(2, (n) => killed(n, 'police', MOST, 'incremental', alias), 101)];
      given(restated).when(withRegistry(commandFor(retracted(100)))).thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'recordId', message: expect.stringContaining('sources[Coahuila state government]') });
    });
  });

  describe('corrections and retractions', () => {
    const nearly = [opened, ...many(99, (n) => killed(n, 'police', MOST)), killed(100, 'police', 1), killed(101, 'police', 1)];

    it('accepts a correction that keeps the figure within the limit', () => {
      given(nearly.slice(0, -1)).when(commandFor(corrected(100, MOST))).then([corrected(100, MOST)]);
    });

    it('refuses a correction that raises a figure past the limit', () => {
      given(nearly).when(commandFor(corrected(100, MOST))).thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'count' });
    });

    it('refuses retracting a cumulative statement when the incremental reports it replaced would come back past the limit', () => {
      const restated = [opened, ...many(99, (n) => killed(n, 'police', MOST)), killed(100, 'police', 0, 'cumulative'), ...many(2, (n) => killed(n, 'police', MOST), 101)];
      given(restated).when(commandFor(retracted(100))).thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'recordId' });
    });
  });

  describe('hostages', () => {
    const taken = [opened, ...many(100, (n) => hostagesTaken(n, 'civilian', MOST))];

    it('refuses taking more than the limit from one party', () => {
      given(taken).when(commandFor(hostagesTaken(101, 'civilian', 1))).thenThrows('TALLY.LIMIT_EXCEEDED', {
        field: 'count',
        message: expect.stringContaining('hostages.civilian.taken 10000001'),
      });
    });

    it('still lets every one of them be released', () => {
      given([...taken, ...many(99, (n) => hostagesReleased(n, 'civilian', MOST), 101)])
        .when(commandFor(hostagesReleased(200, 'civilian', MOST)))
        .then([hostagesReleased(200, 'civilian', MOST)]);
    });
  });

  describe.each([
    ['vehiclesSeized', vehiclesSeized],
    ['weaponsSeized', weaponsSeized],
    ['arrests', arrests],
  ] as const)('%s', (name, record) => {
    it('may reach the limit and not go past it', () => {
      const nearlyFull = [opened, ...many(99, (n) => record(n, MOST))];
      given(nearlyFull).when(commandFor(record(100, MOST))).then([record(100, MOST)]);
      given([...nearlyFull, record(100, MOST)])
        .when(commandFor(record(101, 1)))
        .thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'count', message: expect.stringContaining(`${name} 10000001`) });
    });
  });

  describe('a figure already past it (events written before the limit, an import, a merge racing a record)', () => {
    const past = [opened, ...many(101, (n) => killed(n, 'police', MOST)), killed(102, 'police', 1)];

    it('refuses what would raise it further', () => {
      given(past).when(commandFor(killed(103, 'police', 1))).thenThrows('TALLY.LIMIT_EXCEEDED', { message: expect.stringContaining('killed.police.sources[Coahuila state government] 10100002') });
      given(past).when(commandFor(corrected(102, 2))).thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'count' });
    });

    it('accepts what lowers it, or leaves it as it is while changing another figure', () => {
      const injured = casualties(103, { party: 'police', outcome: 'injured', count: 1, basis: 'incremental' });
      given(past).when(commandFor(corrected(101, 1))).then([corrected(101, 1)]);
      given(past).when(commandFor(retracted(101))).then([retracted(101)]);
      given(past).when(commandFor(injured)).then([injured]);
      given(past).when(commandFor(arrests(103, 1))).then([arrests(103, 1)]);
    });

    it('refuses a change that leaves it as it is but brings another figure past the limit', () => {
      const restated = [...past, ...many(101, (n) => killed(n, 'military', MOST), 103), killed(204, 'military', 1, 'cumulative')];
      given(restated).when(commandFor(retracted(204))).thenThrows('TALLY.LIMIT_EXCEEDED', { field: 'recordId', message: expect.stringContaining('killed.military') });
    });
  });

  it('leaves notes alone, whatever the figures', () => {
    given([opened, ...many(100, (n) => arrests(n, MOST))]).when(commandFor(note(101))).then([note(101)]);
  });
});
