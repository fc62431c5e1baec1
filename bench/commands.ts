/**
 * `npm run bench:commands`: how a command's latency grows with its incident's history. The handler
 * keeps recently used incidents folded and reads only the events since; a process that has not seen
 * the incident yet reads and folds the whole stream. One incident gets BENCH_RECORDS (default 3,000)
 * casualty reports through one command handler, one after another, on the PostgreSQL event store;
 * printed: the mean latency of each thousand's last 100 commands, next to the first 100 (a near-empty
 * incident, the baseline of the same run), then the mean of 10 commands each by a new handler (as
 * after a restart, or on another instance) on the full incident.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/common/clock.js';
import { runMigrations } from '../src/database/data-source.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { commandContext } from '../src/common/commands/command-context.js';
import { amendIncidentCommand, openIncidentCommand, recordCommand } from '../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler } from '../src/incidents/application/incident-command-handler.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 3_000);
const WINDOW = 100;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ledger-bench-'));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(dir);
  const store = new PostgresEventStore(server.url);
  try {
    await runMigrations(server.url);
    const handler = new IncidentCommandHandler(store, systemClock);
    const context = () => commandContext({ actor: 'bench' });
    const incidentId = crypto.randomUUID();
    const location = { country: 'MX', admin1: 'Coahuila' };
    await handler.execute(openIncidentCommand({ incidentId, title: 'Long-running incident', category: 'battle', occurredAt: '2019-01-01T00:00:00Z', location }, context()), context());
    const report = { datePrecision: 'day' as const, source: { name: 'Local press', kind: 'media' as const }, party: 'police' as const, outcome: 'killed' as const, count: 1, basis: 'incremental' as const };
    let baseline = 0;
    let started = performance.now();
    for (let n = 1; n <= RECORDS; n++) {
      const reporting = context();
      await handler.execute(recordCommand('ReportCasualties', incidentId, { ...report, occurredAt: '2019-06-01' }, reporting), reporting);
      if (n === WINDOW || n % 1000 === 0) {
        const mean = (performance.now() - started) / WINDOW;
        baseline ||= mean;
        console.log(`commands ${String(n - WINDOW + 1).padStart(5)}–${String(n).padEnd(5)} ${mean.toFixed(1).padStart(6)} ms each (${(mean / baseline).toFixed(1)}× the first ${WINDOW})`);
      }
      if (n % 1000 === 1000 - WINDOW) started = performance.now();
    }
    const firstCommands: number[] = [];
    for (let i = 0; i < 10; i++) {
      const fresh = new IncidentCommandHandler(store, systemClock);
      const commandStarted = performance.now();
      await fresh.execute(amendIncidentCommand(incidentId, { description: `Amended ${i}` }), context());
      firstCommands.push(performance.now() - commandStarted);
    }
    const mean = firstCommands.reduce((sum, ms) => sum + ms, 0) / firstCommands.length;
    console.log(`a new handler's first command on the ${RECORDS}-record incident: ${mean.toFixed(1)} ms (${(mean / baseline).toFixed(1)}× the first ${WINDOW})`);
  } finally {
    await store.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
