import { parse } from 'csv-parse/sync';
import { commandContext } from '../../src/incidents/application/command-context.js';
import { IncidentCommandHandler } from '../../src/incidents/application/incident-command-handler.js';
import { demoCommands } from '../../src/incidents/demo/demo-incidents.js';
import type { TestApp } from '../support/test-app.js';

/** Records SPEC §2's demo (as the CLI's `demo` does); returns each command's position, in order. */
export async function recordDemo(t: TestApp): Promise<string[]> {
  const handler = t.app.get(IncidentCommandHandler);
  const positions: string[] = [];
  for (const [index, command] of demoCommands.entries()) {
    const context = commandContext({ actor: 'demo', operation: command.type, body: command.data, idempotencyKey: `demo-${index}` });
    positions.push((await handler.execute(command, context)).position);
  }
  return positions;
}

/** GET as an analyst; the body as text whatever its type. */
export const download = (t: TestApp, path: string) =>
  t.http
    .get(path)
    .set('Authorization', t.bearer('analyst'))
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });

/** CSV text as records keyed by header (csv-parse, RFC 4180). */
export const csvRecords = (text: string): Record<string, string>[] => parse(text, { columns: true, bom: false });
