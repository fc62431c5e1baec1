import { Command, CommandRunner } from 'nest-commander';
import { commandContext } from '../incidents/application/command-context.js';
import { IncidentCommandHandler } from '../incidents/application/incident-command-handler.js';
import { demoCommands } from '../incidents/demo/demo-incidents.js';

@Command({ name: 'demo', description: 'Record the worked example (Villa Unión and two related incidents) through the command handlers' })
export class DemoCommand extends CommandRunner {
  constructor(private readonly handler: IncidentCommandHandler) {
    super();
  }

  // Each command has a fixed idempotency key, so running the demo again appends nothing.
  async run(): Promise<void> {
    const incidents = new Set<string>();
    for (const [index, command] of demoCommands.entries()) {
      const context = commandContext({ actor: 'demo', operation: command.type, body: command.data, idempotencyKey: `demo-${index}` });
      const result = await this.handler.execute(command, context);
      incidents.add(result.incidentId);
    }
    console.log(`Demo loaded: ${demoCommands.length} commands over ${incidents.size} incidents (${[...incidents].join(', ')})`);
  }
}
