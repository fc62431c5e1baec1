import { Injectable } from '@nestjs/common';
import { parsePosition } from '../../common/input-values.js';
import { InvalidInput } from '../../common/invalid-input.js';
import { EventStore } from '../../event-store/event-store.port.js';
import { ProjectionPositions } from '../../projections/projection-positions.js';
import { ACTORS_PROJECTION } from '../../actors/read-models/actors.projection.js';
import { SOURCES_PROJECTION } from '../../sources/read-models/sources.projection.js';
import { INCIDENTS_PROJECTION } from './incidents.projection.js';

/** How long a read with `consistentWith` waits for the read models before answering 503. */
export const CONSISTENCY_WAIT_MS = 5_000;

/** `?consistentWith=<position>` (docs/api.md) for reads of the incident read models, on REST and GraphQL alike. */
@Injectable()
export class ReadConsistency {
  constructor(
    private readonly positions: ProjectionPositions,
    private readonly store: EventStore,
  ) {}

  /**
   * Resolves once the read models include `position` (a decimal string); no-op without one;
   * `ProjectionBehind` (503) after the wait. Refuses what `check` refuses.
   */
  async waitFor(position: string | undefined, field = 'consistentWith'): Promise<void> {
    const at = await this.check(position, field);
    if (at === undefined) return;
    // Incident reads show actors (the actors projection's) and actor reads show incidents, and a source
    // registered at `position` is read from the sources projection: each must include it.
    await Promise.all([INCIDENTS_PROJECTION, ACTORS_PROJECTION, SOURCES_PROJECTION].map((projection) => this.positions.waitFor(projection, at, CONSISTENCY_WAIT_MS)));
  }

  /**
   * `position` as a read that need not wait takes it (one answered from the event store, or as of a
   * past moment): a position past the store's last event is no write's, `InvalidInput` (400) naming
   * `field`, as on every read.
   */
  async check(position: string | undefined, field = 'consistentWith'): Promise<bigint | undefined> {
    if (position === undefined) return undefined;
    const at = parsePosition(position, field);
    const head = await this.store.headPosition();
    if (at > head) throw new InvalidInput([{ field, message: `${field} is past the last event of the store (position ${head}): give a position a write answered` }]);
    return at;
  }
}
