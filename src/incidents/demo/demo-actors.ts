import type { ActorCommandInput } from '../../actors/application/actor-command-handler.js';

/**
 * The demo's actors (docs/actors.md), fixed ids. The Villa Unión attack is attributed to the Cártel del
 * Noreste; ACLED codes organised criminal groups as political militias (interaction code 3), state
 * police as state forces (1).
 */
export const CARTEL_DEL_NORESTE = '8a2d6c14-5b3e-4f7a-9c21-3e4f5a6b7c01';
export const COAHUILA_STATE_POLICE = '8a2d6c14-5b3e-4f7a-9c21-3e4f5a6b7c02';

export const demoActorCommands: readonly ActorCommandInput[] = [
  { type: 'RegisterActor', data: { actorId: CARTEL_DEL_NORESTE, name: 'Cártel del Noreste', aliases: ['CDN'], actorType: 'political_militia' } },
  { type: 'RegisterActor', data: { actorId: COAHUILA_STATE_POLICE, name: 'Coahuila state police', aliases: [], actorType: 'state_forces' } },
];
