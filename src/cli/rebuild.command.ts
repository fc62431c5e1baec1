import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { InvalidInput } from '../common/invalid-input.js';
import { ACTORS_PROJECTION } from '../actors/read-models/actors.projection.js';
import { INCIDENTS_PROJECTION } from '../incidents/read-models/incidents.projection.js';
import { SOURCES_PROJECTION } from '../sources/read-models/sources.projection.js';
import { EventStore } from '../event-store/event-store.port.js';
import { PgListener } from '../database/pg-listener.js';
import { ProjectionsHost } from '../projections/projections-host.js';
import { rebuildProjection, type RebuildProgress } from '../projections/rebuild.js';

/** The projections `rebuild` can name. */
const REBUILDABLE = [INCIDENTS_PROJECTION, ACTORS_PROJECTION, SOURCES_PROJECTION];

@Command({
  name: 'rebuild',
  arguments: '[projection]',
  // Help runs without the application, so it names the projections the application registers (a test keeps the two equal).
  argsDescription: { projection: `one of: ${REBUILDABLE.join(', ')} (default: all)` },
  description: 'Reset a projection (all when none is named) and replay it from the start, with progress',
})
export class RebuildCommand extends CommandRunner {
  constructor(
    private readonly host: ProjectionsHost,
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly listener: PgListener,
  ) {
    super();
  }

  static check([name]: string[]): void {
    if (name !== undefined && !REBUILDABLE.includes(name)) throw new InvalidInput([{ field: 'projection', message: `no projection named "${name}" (known: ${REBUILDABLE.join(', ')})` }]);
  }

  async run([name]: string[]): Promise<void> {
    const projections = name ? [this.host.projection(name)] : this.host.projections();
    for (const projection of projections) {
      // Positions are not event counts (they have gaps), so the bar runs on positions and the events are counted beside it.
      const bar = new SingleBar(
        { format: `${projection.name} [{bar}] {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted}`, etaBuffer: 20 },
        Presets.shades_classic,
      );
      const started = performance.now();
      let base = 0n;
      const show = (progress: RebuildProgress) => {
        const seconds = (performance.now() - started) / 1000;
        const payload = { events: progress.events, rate: seconds > 0 ? Math.round(progress.events / seconds) : 0 };
        if (!bar.isActive) {
          base = progress.position;
          bar.start(Number(progress.head - base), 0, payload);
        }
        bar.update(Number(progress.position - base), payload);
      };
      const result = await rebuildProjection({
        projection,
        dataSource: this.dataSource,
        store: this.store,
        listener: this.listener,
        createRunner: (options) => this.host.createRunner(projection, options),
        onProgress: show,
      });
      show(result);
      bar.stop();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const by = result.events > 0 ? `${result.events} events replayed here` : 'replayed by the process holding its lock';
      console.log(`Rebuilt ${projection.name} up to position ${result.head} in ${seconds} s (${by})`);
    }
  }
}
