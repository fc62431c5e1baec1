import { Command, CommandRunner } from 'nest-commander';
import { ActorCommandHandler } from '../actors/application/actor-command-handler.js';
import { IncidentCommandHandler } from '../incidents/application/incident-command-handler.js';
import { recordDemo } from '../incidents/demo/record-demo.js';

@Command({ name: 'demo', description: 'Record the worked example (Villa Unión and two related incidents, with their actors) through the command handlers' })
export class DemoCommand extends CommandRunner {
  constructor(
    private readonly actors: ActorCommandHandler,
    private readonly incidents: IncidentCommandHandler,
  ) {
    super();
  }

  // Each command has a fixed idempotency key, so running the demo again appends nothing.
  async run(): Promise<void> {
    const { positions, incidentIds } = await recordDemo(this.actors, this.incidents);
    console.log(`Demo loaded: ${positions.length} commands over ${incidentIds.size} incidents (${[...incidentIds].join(', ')})`);
  }
}
