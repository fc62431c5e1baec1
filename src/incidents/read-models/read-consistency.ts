import { Injectable } from '@nestjs/common';
import { parsePosition } from '../../common/input-values.js';
import { ProjectionPositions } from '../../projections/projection-positions.js';
import { INCIDENTS_PROJECTION } from './incidents.projection.js';

/** How long a read with `consistentWith` waits for the read models before answering 503. */
export const CONSISTENCY_WAIT_MS = 5_000;

/** `?consistentWith=<position>` (SPEC §5) for reads of the incident read models, on REST and GraphQL alike. */
@Injectable()
export class ReadConsistency {
  constructor(private readonly positions: ProjectionPositions) {}

  /**
   * Resolves once the read models (of `projection`, the incidents' by default) include `position`
   * (a decimal string); no-op without one; `ProjectionBehind` (503) after the wait.
   */
  async waitFor(position: string | undefined, field = 'consistentWith', projection = INCIDENTS_PROJECTION): Promise<void> {
    if (position === undefined) return;
    await this.positions.waitFor(projection, parsePosition(position, field), CONSISTENCY_WAIT_MS);
  }
}
