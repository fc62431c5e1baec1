import type { ActorCommandHandler } from '../../actors/application/actor-command-handler.js';
import { commandContext } from '../../common/commands/command-context.js';
import type { IncidentCommandHandler } from '../application/incident-command-handler.js';
import { demoActorCommands } from './demo-actors.js';
import { demoCommands } from './demo-incidents.js';

/**
 * Records the worked example (docs/tallies.md) through the command handlers: the actors first (the incidents name them),
 * then the incidents. Each command has a fixed idempotency key, so recording it again appends nothing.
 * Returns each command's position and the incidents' ids, in order.
 */
export async function recordDemo(actors: ActorCommandHandler, incidents: IncidentCommandHandler): Promise<{ positions: string[]; incidentIds: Set<string> }> {
  const positions: string[] = [];
  const incidentIds = new Set<string>();
  for (const [index, command] of demoActorCommands.entries()) {
    const context = commandContext({ actor: 'demo', idempotencyKey: `demo-actor-${index}` });
    positions.push((await actors.execute(command, context)).position);
  }
  for (const [index, command] of demoCommands.entries()) {
    const context = commandContext({ actor: 'demo', idempotencyKey: `demo-${index}` });
    const result = await incidents.execute(command, context);
    positions.push(result.position);
    incidentIds.add(result.incidentId);
  }
  return { positions, incidentIds };
}
