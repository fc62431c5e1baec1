import { parse } from 'csv-parse/sync';
import { ActorCommandHandler } from '../../src/actors/application/actor-command-handler.js';
import { IncidentCommandHandler } from '../../src/incidents/application/incident-command-handler.js';
import { recordDemo as record } from '../../src/incidents/demo/record-demo.js';
import type { TestApp } from '../support/test-app.js';

/** Records the worked example (docs/tallies.md) (as the CLI's `demo` does); returns each command's position, in order. */
export async function recordDemo(t: TestApp): Promise<string[]> {
  return (await record(t.app.get(ActorCommandHandler), t.app.get(IncidentCommandHandler))).positions;
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
