import { INCIDENT_ID, closed, commandFor, killed, metadata, opened } from '../../../test/support/incident-fixtures.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import type { LinkIncident, MergeIncident, OtherIncident } from './commands.js';
import { decide } from './decide.js';
import type { IncidentEvent, IncidentLinked, IncidentMergedInto } from './events.js';
import { evolve, initialState } from './incident.js';

const { given } = deciderSpec({ decide, evolve, initialState });

const OTHER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const THIRD = '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const FOURTH = '2e8a4c1b-6d3f-4a5e-9b7c-1d2e3f4a5b6c';
const exists: OtherIncident = { status: 'open', path: [OTHER] };

const link = (relation = 'related', other: OtherIncident = exists, otherIncidentId = OTHER): LinkIncident => ({
  type: 'LinkIncident',
  data: { incidentId: INCIDENT_ID, otherIncidentId, relation: relation as IncidentLinked['data']['relation'] },
  other,
  metadata,
});
const linked = (relation: IncidentLinked['data']['relation'] = 'related'): IncidentLinked => ({
  type: 'IncidentLinked',
  data: { incidentId: INCIDENT_ID, otherIncidentId: OTHER, relation },
});
const merge = (into: string, other: OtherIncident): MergeIncident => ({ type: 'MergeIncident', data: { incidentId: INCIDENT_ID, into }, other, metadata });
const mergedInto = (into: string): IncidentMergedInto => ({ type: 'IncidentMergedInto', data: { incidentId: INCIDENT_ID, into } });

describe('linking', () => {
  it('links an incident to another one that exists', () => {
    given([opened]).when(link('follow_up')).then([linked('follow_up')]);
  });

  it('links a closed incident too (a link adds no record)', () => {
    given([opened, closed]).when(link()).then([linked()]);
  });

  it('decides nothing for the same link again', () => {
    given([opened, linked('same_campaign')]).when(link('same_campaign')).then([]);
  });

  it('replaces the relation of an existing link', () => {
    given([opened, linked('related')]).when(link('same_campaign')).then([linked('same_campaign')]);
  });

  it('refuses a link from an incident that does not exist', () => {
    given([]).when(link()).thenThrows('INCIDENT.NOT_FOUND', { kind: 'not_found' });
  });

  it('refuses a link to an incident that does not exist, naming otherIncidentId', () => {
    given([opened]).when(link('related', { status: 'none', path: [OTHER] })).thenThrows('INCIDENT.NOT_FOUND', { kind: 'not_found', field: 'otherIncidentId' });
  });

  it('refuses a link to itself', () => {
    given([opened]).when(link('related', { status: 'open', path: [INCIDENT_ID] }, INCIDENT_ID)).thenThrows('LINK.TO_ITSELF', { kind: 'rule', field: 'otherIncidentId' });
  });

  it('refuses an unknown relation as invalid', () => {
    given([opened]).when(link('sibling')).thenThrows('VALUE.INVALID', { kind: 'invalid', field: 'relation' });
  });

  it('refuses a link from a merged incident', () => {
    given([opened, mergedInto(THIRD)]).when(link()).thenThrows('INCIDENT.MERGED', { kind: 'rule' });
  });

  it('refuses a link to a merged incident, naming otherIncidentId (its survivor is what to link)', () => {
    given([opened]).when(link('related', { status: 'closed', path: [OTHER, THIRD] })).thenThrows('INCIDENT.MERGED', { kind: 'rule', field: 'otherIncidentId' });
  });
});

describe('merging', () => {
  it('merges into an incident that is not merged, naming it', () => {
    given([opened, killed(1, 'police', 4)]).when(merge(OTHER, exists)).then([mergedInto(OTHER)]);
  });

  it('merges a closed incident too', () => {
    given([opened, closed]).when(merge(OTHER, { status: 'closed', path: [OTHER] })).then([mergedInto(OTHER)]);
  });

  it('follows a merged target to its survivor', () => {
    given([opened]).when(merge(OTHER, { status: 'closed', path: [OTHER, THIRD] })).then([mergedInto(THIRD)]);
  });

  it('decides nothing when merged again into the same incident', () => {
    given([opened, mergedInto(OTHER)]).when(merge(OTHER, exists)).then([]);
  });

  it('decides nothing when merged again into an incident that was since merged on', () => {
    given([opened, mergedInto(OTHER)]).when(merge(OTHER, { status: 'closed', path: [OTHER, THIRD] })).then([]);
  });

  it('refuses merging a merged incident into another survivor', () => {
    given([opened, mergedInto(OTHER)]).when(merge(THIRD, { status: 'open', path: [THIRD] })).thenThrows('INCIDENT.MERGED', { kind: 'rule', field: 'into' });
  });

  it('refuses merging into itself', () => {
    given([opened]).when(merge(INCIDENT_ID, { status: 'open', path: [INCIDENT_ID] })).thenThrows('MERGE.INTO_ITSELF', { kind: 'rule', field: 'into', message: 'An incident cannot be merged into itself' });
  });

  it('refuses merging into a chain that leads back to it', () => {
    given([opened]).when(merge(OTHER, { status: 'closed', path: [OTHER, INCIDENT_ID] })).thenThrows('MERGE.CYCLE', { kind: 'rule', field: 'into' });
  });

  it('refuses merging into an incident that does not exist, naming into', () => {
    given([opened]).when(merge(OTHER, { status: 'none', path: [OTHER] })).thenThrows('INCIDENT.NOT_FOUND', { kind: 'not_found', field: 'into' });
  });

  it('refuses merging an incident that does not exist', () => {
    given([]).when(merge(OTHER, exists)).thenThrows('INCIDENT.NOT_FOUND', { kind: 'not_found' });
  });
});

describe('merged incident', () => {
  const history: IncidentEvent[] = [opened, killed(1, 'police', 4), mergedInto(OTHER)];

  it('is closed: records are refused', () => {
    given(history).when(commandFor(killed(2, 'police', 1))).thenThrows('INCIDENT.CLOSED', { kind: 'rule', message: expect.stringMatching(/was merged into .+; use that incident$/) });
  });

  it('is not reopened', () => {
    given(history).when({ type: 'ReopenIncident', data: { incidentId: INCIDENT_ID }, metadata }).thenThrows('INCIDENT.MERGED', { kind: 'rule' });
  });

  it('keeps its records', () => {
    const state = history.reduce(evolve, initialState);
    expect(state).toMatchObject({ status: 'closed', mergedInto: OTHER });
    expect([...state.records.keys()]).toEqual([killed(1, 'police', 4).data.recordId]);
  });

  it('a link is kept by the other incident, the latest relation replacing an earlier one', () => {
    const state = [opened, linked('related'), linked('follow_up')].reduce(evolve, initialState);
    expect([...state.links]).toEqual([[OTHER, 'follow_up']]);
  });

  it('a merge event in a stream that was never opened changes nothing', () => {
    expect(evolve(initialState, mergedInto(OTHER))).toBe(initialState);
  });
});

describe('link and merge refusals say what is wrong', () => {
  it('a link to itself, or to an incident merged on, naming the end of its chain', () => {
    given([opened]).when(link('related', exists, INCIDENT_ID)).thenThrows('LINK.TO_ITSELF', { message: 'An incident cannot be linked to itself' });
    given([opened]).when(link('related', { status: 'closed', path: [OTHER, FOURTH, THIRD] })).thenThrows('INCIDENT.MERGED', {
      message: `Incident ${OTHER} was merged into ${THIRD}; link that incident`,
    });
  });

  it('an incident that does not exist', () => {
    given([opened]).when(link('related', { status: 'none', path: [OTHER] })).thenThrows('INCIDENT.NOT_FOUND', { message: `Incident ${OTHER} does not exist` });
  });

  it('a merged incident, naming its survivor', () => {
    given([opened, mergedInto(OTHER)]).when(link()).thenThrows('INCIDENT.MERGED', { message: `Incident ${INCIDENT_ID} was merged into ${OTHER}; use that incident` });
    given([opened, mergedInto(OTHER)]).when(merge(THIRD, { status: 'open', path: [THIRD] })).thenThrows('INCIDENT.MERGED', {
      message: `Incident ${INCIDENT_ID} was already merged into ${OTHER}`,
    });
  });

  it('a merge back into the incident merged into it', () => {
    given([opened]).when(merge(OTHER, { status: 'closed', path: [OTHER, INCIDENT_ID] })).thenThrows('MERGE.CYCLE', {
      message: `Incident ${OTHER} was merged into ${INCIDENT_ID}; merging back would make a cycle`,
    });
  });
});
