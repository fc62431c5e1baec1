import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom, map, take, toArray } from 'rxjs';
import { incidentWorkload } from '../../bench/incident-workload.js';
import { CHECKPOINT_CHANNEL } from '../../src/projections/checkpoints.js';
import { PgListener } from '../../src/database/pg-listener.js';
import { compileEntries } from '../support/compile-entries.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appendEvents, migratedHarness, type MigratedHarness } from './projection-harness.js';
import { expectReadModelsToEqualPureTallies } from './read-model-expectations.js';

const CHILD = 'test/support/projection-runner.child.ts';

/**
 * Runs against the event store `eventStore()` gives (the child reaches EventStoreDB through
 * EVENTSTORE_CONNECTION_STRING), with a workload of `workloadEvents` events: enough that three kills land mid-catch-up.
 */
export function describeProjectionCrash(name: string, eventStore: () => Promise<EventStoreUnderTest>, workloadEvents: number) {
  describe(`a projection process killed mid-catch-up (${name})`, () => {
    let harness: MigratedHarness;
    let listener: PgListener;
    let buildDir: string;
    let childJs: string;
    let head: bigint;

    beforeAll(async () => {
      harness = await migratedHarness(eventStore);
      listener = new PgListener(harness.url);
      buildDir = mkdtempSync(join(tmpdir(), 'projection-child-'));
      [childJs] = await compileEntries(buildDir, [CHILD]);
      for (const { events } of incidentWorkload({ events: workloadEvents, seed: 7 })) head = (await appendEvents(harness.store, events)).at(-1)!.position;
    }, 180_000);
    afterAll(async () => {
      await listener?.close();
      await harness?.close();
      if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    });

    const startChild = (env: NodeJS.ProcessEnv = {}, stderr: 'inherit' | 'pipe' = 'inherit'): ChildProcess =>
      spawn(process.execPath, [childJs], {
        env: { ...process.env, DATABASE_URL: harness.url, EVENTSTORE_CONNECTION_STRING: harness.connectionString, BATCH_SIZE: '20', ...env },
        stdio: ['ignore', 'ignore', stderr],
      });
    const appendWorkload = async (events: number, seed: number) => {
      for (const decided of incidentWorkload({ events, seed })) head = (await appendEvents(harness.store, decided.events)).at(-1)!.position;
    };
    const exited = (child: ChildProcess) => new Promise((resolveExit) => child.once('exit', resolveExit));

    it('is SIGKILLed three times, and the final read models equal the pure tallies', async () => {
      const checkpoints = (await listener.channel(CHECKPOINT_CHANNEL)).pipe(map((payload) => BigInt(JSON.parse(payload).position)));
      let reached = 0n;
      for (let kill = 1; kill <= 3; kill++) {
        // Kill after the child has committed a few batches of its own (its notifications come after those it resumes from).
        const progressed = firstValueFrom(checkpoints.pipe(filter((position) => position > reached), take(5), toArray()));
        const child = startChild();
        reached = (await progressed).at(-1)!;
        child.kill('SIGKILL');
        await exited(child);
        const [{ position }] = await harness.dataSource.query("SELECT position FROM projection_checkpoints WHERE name = 'incidents'");
        expect(BigInt(position)).toBeLessThan(head);
        reached = BigInt(position);
      }
      const last = startChild();
      await harness.waitFor(head, 120_000);
      last.kill('SIGKILL');
      await exited(last);
      await expectReadModelsToEqualPureTallies(harness);
    }, 180_000);

    it('loses the lead when SIGSTOPped with events waiting; another instance takes over its lease and advances, and the woken holder writes nothing', async () => {
      const caughtUp = head;
      await appendWorkload(workloadEvents / 2, 8);
      const checkpoints = (await listener.channel(CHECKPOINT_CHANNEL)).pipe(map((payload) => BigInt(JSON.parse(payload).position)));
      const progressed = firstValueFrom(checkpoints.pipe(filter((position) => position > caughtUp)));
      const holder = startChild({ PROJECTION_LEASE_SECONDS: '2' }, 'pipe');
      let stderr = '';
      const lostLock = new Promise<void>((resolveLost) =>
        holder.stderr!.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('lost its lock connection')) resolveLost();
        }),
      );
      await progressed;
      holder.kill('SIGSTOP');
      const [{ position: frozenAt }] = await harness.dataSource.query("SELECT position FROM projection_checkpoints WHERE name = 'incidents'");
      expect(BigInt(frozenAt)).toBeLessThan(head);

      harness.runner({ leaseMs: 2_000 }).start();
      await harness.waitFor(head);

      holder.kill('SIGCONT');
      await lostLock;
      await appendWorkload(200, 9);
      await harness.waitFor(head);
      await expectReadModelsToEqualPureTallies(harness);
      holder.kill('SIGKILL');
      await exited(holder);
    }, 180_000);
  });
}
