import { INCIDENT_ID, closed, metadata, opened } from '../../../test/support/incident-fixtures.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import type { IncidentCommand } from './commands.js';
import { decide } from './decide.js';
import type { ActorRole, IncidentEvent } from './events.js';
import { evolve, initialState } from './incident.js';

const { given } = deciderSpec({ decide, evolve, initialState });

const CARTEL = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e60';
const POLICE = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e61';

const attached = (actorId: string, role: ActorRole): IncidentEvent => ({ type: 'ActorAttached', data: { incidentId: INCIDENT_ID, actorId, role } });
const detached = (actorId: string): IncidentEvent => ({ type: 'ActorDetached', data: { incidentId: INCIDENT_ID, actorId } });
const attach = (actorId: string, role: string): IncidentCommand => ({ type: 'AttachActor', data: { incidentId: INCIDENT_ID, actorId, role: role as ActorRole }, metadata });
const detach = (actorId: string): IncidentCommand => ({ type: 'DetachActor', data: { incidentId: INCIDENT_ID, actorId }, metadata });

describe('actors on an open incident', () => {
  it('attaches an actor in a role', () => {
    given([opened]).when(attach(CARTEL, 'perpetrator')).then([attached(CARTEL, 'perpetrator')]);
  });

  it('changes nothing when the actor has that role already, and changes the role otherwise', () => {
    given([opened, attached(CARTEL, 'side_a')]).when(attach(CARTEL, 'side_a')).then([]);
    given([opened, attached(CARTEL, 'side_a')]).when(attach(CARTEL, 'perpetrator')).then([attached(CARTEL, 'perpetrator')]);
  });

  it('refuses an unknown role as invalid, naming role', () => {
    given([opened]).when(attach(CARTEL, 'bystander')).thenThrows('VALUE.INVALID', { kind: 'invalid', field: 'role' });
  });

  it('detaches an attached actor, and then attaches it again', () => {
    given([opened, attached(CARTEL, 'side_a')]).when(detach(CARTEL)).then([detached(CARTEL)]);
    given([opened, attached(CARTEL, 'side_a'), detached(CARTEL)]).when(attach(CARTEL, 'side_a')).then([attached(CARTEL, 'side_a')]);
  });

  it('refuses to detach an actor that is not attached, naming actorId', () => {
    given([opened, attached(POLICE, 'side_b')]).when(detach(CARTEL)).thenThrows('ACTOR.NOT_ATTACHED', { kind: 'not_found', field: 'actorId' });
    given([opened, attached(CARTEL, 'side_a'), detached(CARTEL)]).when(detach(CARTEL)).thenThrows('ACTOR.NOT_ATTACHED');
  });
});

describe('actors on a closed or missing incident', () => {
  it('refuses attaching and detaching on a closed incident', () => {
    given([opened, attached(CARTEL, 'side_a'), closed]).when(attach(POLICE, 'side_b')).thenThrows('INCIDENT.CLOSED');
    given([opened, attached(CARTEL, 'side_a'), closed]).when(detach(CARTEL)).thenThrows('INCIDENT.CLOSED');
  });

  it('refuses both as not found without an incident', () => {
    given([]).when(attach(CARTEL, 'side_a')).thenThrows('INCIDENT.NOT_FOUND');
    given([]).when(detach(CARTEL)).thenThrows('INCIDENT.NOT_FOUND');
  });
});

describe('evolve', () => {
  it('keeps the attached actors with their latest role', () => {
    const state = [opened, attached(CARTEL, 'side_a'), attached(POLICE, 'side_b'), attached(CARTEL, 'perpetrator'), detached(POLICE)].reduce(evolve, initialState);
    expect([...state.actors]).toEqual([[CARTEL, 'perpetrator']]);
    expect(initialState.actors.size).toBe(0);
  });
});
