import {
  INCIDENT_ID,
  MEDIA,
  NOW,
  arrests,
  casualties,
  closed,
  commandFor,
  corrected,
  hostagesKilled,
  hostagesReleased,
  hostagesTaken,
  killed,
  metadata,
  note,
  opened,
  reopened,
  retracted,
  vehiclesSeized,
  weaponsSeized,
} from '../../../test/support/incident-fixtures.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import { decide } from './decide.js';
import { evolve, initialState } from './incident.js';

const { given } = deciderSpec({ decide, evolve, initialState });

const inFiveMinutes = new Date(NOW.getTime() + 5 * 60 * 1000).toISOString();
const inSixMinutes = new Date(NOW.getTime() + 6 * 60 * 1000).toISOString();

describe('no incident yet', () => {
  it('opens an incident', () => {
    given([]).when(commandFor(opened)).then([opened]);
  });

  it('rejects an incident that happens in the future (beyond five minutes of skew)', () => {
    given([]).when(commandFor(opened, { occurredAt: inSixMinutes })).thenThrows('OCCURRED_AT.IN_FUTURE', {
      kind: 'invalid',
      field: 'occurredAt',
    });
  });

  it('takes a bare date from the moment that day has begun somewhere (UTC+14:00), not before', () => {
    const day = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString().slice(0, 10);
    const hour = 60 * 60 * 1000;
    // NOW's UTC date ahead by 14 hours minus a minute is today in UTC+14:00 (or tomorrow's date just begun there).
    given([]).when(commandFor(opened, { occurredAt: day(14 * hour - 60_000), datePrecision: 'day' })).then([{ ...opened, data: { ...opened.data, occurredAt: day(14 * hour - 60_000), datePrecision: 'day' } }]);
    given([]).when(commandFor(opened, { occurredAt: day(40 * hour), datePrecision: 'day' })).thenThrows('OCCURRED_AT.IN_FUTURE', { field: 'occurredAt' });
  });

  it('rejects an unknown category and a bad country code as invalid', () => {
    given([]).when(commandFor(opened, { category: 'war' })).thenThrows('VALUE.INVALID', { field: 'category' });
    given([])
      .when(commandFor(opened, { location: { ...opened.data.location, country: 'Mexico' } }))
      .thenThrows('VALUE.INVALID', { field: 'location.country' });
  });

  it.each([
    ['AmendIncident', { type: 'AmendIncident', data: { incidentId: INCIDENT_ID, title: 'x' }, metadata }],
    ['CloseIncident', commandFor(closed)],
    ['ReopenIncident', commandFor(reopened)],
    ['ReportCasualties', commandFor(killed(1, 'police', 4))],
    ['AddTimelineNote', commandFor(note(1))],
    ['CorrectRecord', commandFor(corrected(1, 3))],
    ['RetractRecord', commandFor(retracted(1))],
  ] as const)('rejects %s as not found', (_name, command) => {
    given([]).when(command).thenThrows('INCIDENT.NOT_FOUND', { kind: 'not_found' });
  });
});

describe('open incident', () => {
  it('rejects opening it again', () => {
    given([opened]).when(commandFor(opened)).thenThrows('INCIDENT.ALREADY_EXISTS', { kind: 'rule' });
  });

  it('amends only the fields that changed', () => {
    given([opened])
      .when({
        type: 'AmendIncident',
        data: { incidentId: INCIDENT_ID, title: 'Battle of Villa Unión', category: 'battle', tags: ['cartel', 'CDN'] },
        metadata,
      })
      .then([{ type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, title: 'Battle of Villa Unión', tags: ['cartel', 'CDN'] } }]);
  });

  it('decides nothing for an amendment that changes nothing (key order does not matter)', () => {
    const { country, admin1, admin2, place, geoPrecision } = opened.data.location;
    given([opened])
      .when({ type: 'AmendIncident', data: { incidentId: INCIDENT_ID, location: { place, admin2, geoPrecision, admin1, country } }, metadata })
      .then([]);
  });

  it('rejects reopening it', () => {
    given([opened]).when(commandFor(reopened)).thenThrows('INCIDENT.ALREADY_OPEN', { kind: 'rule' });
  });

  it('closes it', () => {
    given([opened]).when(commandFor(closed, { reason: 'Fighting over' })).then([
      { type: 'IncidentClosed', data: { incidentId: INCIDENT_ID, reason: 'Fighting over' } },
    ]);
  });

  it.each([
    ['casualties', killed(1, 'armed_group', 7)],
    ['hostages taken', hostagesTaken(1, 'civilian', 4)],
    ['vehicles seized', vehiclesSeized(1, 17)],
    ['weapons seized', weaponsSeized(1, 30)],
    ['arrests', arrests(1, 2)],
    ['a timeline note', note(1)],
  ])('records %s', (_name, event) => {
    given([opened]).when(commandFor(event)).then([event]);
  });

  it('accepts a time up to five minutes ahead of now (clock skew)', () => {
    const event = killed(1, 'police', 1);
    given([opened]).when(commandFor(event, { occurredAt: inFiveMinutes })).then([
      { ...event, data: { ...event.data, occurredAt: inFiveMinutes } },
    ]);
  });

  it('rejects a record that happens later than five minutes from now', () => {
    given([opened]).when(commandFor(killed(1, 'police', 1), { occurredAt: inSixMinutes })).thenThrows('OCCURRED_AT.IN_FUTURE', {
      kind: 'invalid',
      field: 'occurredAt',
    });
  });

  it('rejects an occurredAt that is not a time', () => {
    given([opened]).when(commandFor(note(1), { occurredAt: 'yesterday' })).thenThrows('OCCURRED_AT.INVALID', { field: 'occurredAt' });
  });

  it('rejects a record id used before in the incident', () => {
    given([opened, note(1)]).when(commandFor(killed(1, 'police', 4))).thenThrows('RECORD.DUPLICATE_ID', { kind: 'rule', field: 'recordId' });
  });

  describe('counts', () => {
    it.each([0, -1, 1.5, 100_001, Number.NaN])('rejects %p for an incremental casualty report', (count) => {
      given([opened]).when(commandFor(killed(1, 'police', 1), { count })).thenThrows('COUNT.OUT_OF_RANGE', {
        kind: 'invalid',
        field: 'count',
      });
    });

    it('accepts 0 and 100000 for a cumulative casualty report', () => {
      given([opened]).when(commandFor(killed(1, 'police', 0, 'cumulative'))).then([killed(1, 'police', 0, 'cumulative')]);
      given([opened]).when(commandFor(killed(1, 'police', 100_000, 'cumulative'))).then([killed(1, 'police', 100_000, 'cumulative')]);
    });

    it.each([
      ['hostages taken', hostagesTaken(1, 'civilian', 1)],
      ['vehicles', vehiclesSeized(1, 1)],
      ['weapons', weaponsSeized(1, 1)],
      ['arrests', arrests(1, 1)],
    ])('rejects 0 %s', (_name, event) => {
      given([opened]).when(commandFor(event, { count: 0 })).thenThrows('COUNT.OUT_OF_RANGE', { field: 'count' });
    });
  });

  it('rejects unknown enum values as invalid, naming the field', () => {
    given([opened]).when(commandFor(killed(1, 'police', 1), { party: 'cartel' })).thenThrows('VALUE.INVALID', { field: 'party' });
    given([opened]).when(commandFor(killed(1, 'police', 1), { basis: 'total' })).thenThrows('VALUE.INVALID', { field: 'basis' });
    given([opened])
      .when(commandFor(killed(1, 'police', 1), { source: { name: 'x', kind: 'blog' } }))
      .thenThrows('VALUE.INVALID', { field: 'source.kind' });
    given([opened]).when(commandFor(hostagesReleased(2, 'civilian', 1), { how: 'ransomed' })).thenThrows('VALUE.INVALID', { field: 'how' });
  });

  describe('hostages', () => {
    const held = [opened, hostagesTaken(1, 'civilian', 4), hostagesTaken(2, 'police', 1)];

    it('releases and kills hostages up to the number held per party', () => {
      given(held).when(commandFor(hostagesReleased(3, 'civilian', 2, 'rescued'))).then([hostagesReleased(3, 'civilian', 2, 'rescued')]);
      given([...held, hostagesReleased(3, 'civilian', 2)]).when(commandFor(hostagesKilled(4, 'civilian', 2))).then([hostagesKilled(4, 'civilian', 2)]);
    });

    it('rejects releasing more than are held by that party', () => {
      given(held).when(commandFor(hostagesReleased(3, 'civilian', 5))).thenThrows('HOSTAGES.RELEASE_EXCEEDS_HELD', { kind: 'rule', field: 'count' });
      given(held).when(commandFor(hostagesReleased(3, 'military', 1))).thenThrows('HOSTAGES.RELEASE_EXCEEDS_HELD');
    });

    it('rejects killing more than are held by that party', () => {
      given([...held, hostagesReleased(3, 'civilian', 3)])
        .when(commandFor(hostagesKilled(4, 'civilian', 2)))
        .thenThrows('HOSTAGES.KILLED_EXCEEDS_HELD', { kind: 'rule' });
    });

    it('does not count retracted hostages as held', () => {
      given([...held, retracted(1)]).when(commandFor(hostagesKilled(4, 'civilian', 1))).thenThrows('HOSTAGES.KILLED_EXCEEDS_HELD');
    });
  });

  describe('corrections', () => {
    it('corrects a counted record', () => {
      given([opened, killed(1, 'armed_group', 7)]).when(commandFor(corrected(1, 8))).then([corrected(1, 8)]);
    });

    it('rejects correcting an unknown record as not found', () => {
      given([opened]).when(commandFor(corrected(9, 1))).thenThrows('RECORD.NOT_FOUND', { kind: 'not_found', field: 'recordId' });
    });

    it('rejects correcting a retracted record', () => {
      given([opened, killed(1, 'police', 4), retracted(1)]).when(commandFor(corrected(1, 3))).thenThrows('RECORD.ALREADY_RETRACTED', {
        kind: 'rule',
      });
    });

    it('rejects correcting a note, which has no count', () => {
      given([opened, note(1)]).when(commandFor(corrected(1, 3))).thenThrows('RECORD.NOT_COUNTABLE', { kind: 'rule' });
    });

    it('allows a correction to 0 only for a cumulative casualty record', () => {
      given([opened, killed(1, 'police', 4, 'cumulative')]).when(commandFor(corrected(1, 0))).then([corrected(1, 0)]);
      given([opened, killed(1, 'police', 4)]).when(commandFor(corrected(1, 0))).thenThrows('COUNT.OUT_OF_RANGE', { field: 'count' });
      given([opened, arrests(1, 4)]).when(commandFor(corrected(1, 100_001))).thenThrows('COUNT.OUT_OF_RANGE', { field: 'count' });
    });

    it('rejects a correction that would leave fewer than zero hostages held', () => {
      const history = [opened, hostagesTaken(1, 'civilian', 4), hostagesReleased(2, 'civilian', 3)];
      given(history).when(commandFor(corrected(1, 2))).thenThrows('HOSTAGES.TAKEN_BELOW_RELEASED_AND_KILLED', { kind: 'rule' });
      given(history).when(commandFor(corrected(2, 5))).thenThrows('HOSTAGES.RELEASE_EXCEEDS_HELD');
      given(history).when(commandFor(corrected(1, 3))).then([corrected(1, 3)]);
    });
  });

  describe('retractions', () => {
    it('retracts a record', () => {
      given([opened, killed(1, 'police', 4)]).when(commandFor(retracted(1))).then([retracted(1)]);
    });

    it('retracts a note (the timeline marks it)', () => {
      given([opened, note(1)]).when(commandFor(retracted(1))).then([retracted(1)]);
    });

    it('rejects retracting an unknown record as not found', () => {
      given([opened]).when(commandFor(retracted(1))).thenThrows('RECORD.NOT_FOUND', { kind: 'not_found' });
    });

    it('rejects retracting a record twice', () => {
      given([opened, arrests(1, 2), retracted(1)]).when(commandFor(retracted(1))).thenThrows('RECORD.ALREADY_RETRACTED', { kind: 'rule' });
    });

    it('rejects retracting hostages taken that were since released', () => {
      given([opened, hostagesTaken(1, 'civilian', 4), hostagesReleased(2, 'civilian', 1)])
        .when(commandFor(retracted(1)))
        .thenThrows('HOSTAGES.TAKEN_BELOW_RELEASED_AND_KILLED', { field: 'recordId' });
    });

    it('retracting a release frees nothing to go negative', () => {
      given([opened, hostagesTaken(1, 'civilian', 4), hostagesReleased(2, 'civilian', 4)]).when(commandFor(retracted(2))).then([retracted(2)]);
    });
  });
});

describe('closed incident', () => {
  const history = [opened, killed(1, 'police', 4), closed];

  it('rejects new records', () => {
    given(history).when(commandFor(casualties(2, { party: 'police', outcome: 'injured', count: 6, basis: 'cumulative' }, MEDIA)))
      .thenThrows('INCIDENT.CLOSED', { kind: 'rule' });
    given(history).when(commandFor(note(2))).thenThrows('INCIDENT.CLOSED');
  });

  it('rejects corrections and retractions', () => {
    given(history).when(commandFor(corrected(1, 5))).thenThrows('INCIDENT.CLOSED');
    given(history).when(commandFor(retracted(1))).thenThrows('INCIDENT.CLOSED');
  });

  it('rejects amending it', () => {
    given(history)
      .when({ type: 'AmendIncident', data: { incidentId: INCIDENT_ID, title: 'New title' }, metadata })
      .thenThrows('INCIDENT.CLOSED', { kind: 'rule' });
  });

  it('rejects closing it again', () => {
    given(history).when(commandFor(closed)).thenThrows('INCIDENT.ALREADY_CLOSED', { kind: 'rule' });
  });

  it('reopens it, after which records are accepted again', () => {
    given(history).when(commandFor(reopened)).then([reopened]);
    given([...history, reopened]).when(commandFor(note(2))).then([note(2)]);
  });

  it('still rejects opening it again', () => {
    given(history).when(commandFor(opened)).thenThrows('INCIDENT.ALREADY_EXISTS');
  });
});

