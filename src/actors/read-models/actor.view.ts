import type { ActorRole } from '../../incidents/domain/events.js';
import type { ActorType } from '../domain/actor-events.js';

/** An actor as incidents, tallies and exports name it: after a merge, the survivor. */
export interface ActorRefView {
  readonly id: string;
  readonly name: string;
  readonly actorType: ActorType;
}

/** docs/actors.md `Incident.actors`: an actor attached to an incident, as its survivor, and its role. */
export interface IncidentActorView {
  readonly actor: ActorRefView;
  readonly role: ActorRole;
}

/** An incident an actor (or an actor merged into it) is attached to. */
export interface ActorIncidentView {
  readonly incident: { readonly id: string; readonly title: string };
  readonly role: ActorRole;
}

/** docs/actors.md `Actor`, with its incidents. `mergedActorIds` are the actors that answer as this one. */
export interface ActorView extends ActorRefView {
  readonly actorId: string;
  readonly aliases: readonly string[];
  readonly parentActorId: string | null;
  readonly mergedActorIds: readonly string[];
  readonly revision: string;
  readonly incidents: readonly ActorIncidentView[];
}
