import { Counter, Gauge } from 'prom-client';

/** Reports a projection's lag when `/metrics` is scraped (one head query per scrape, none per batch). */
type LagSource = () => Promise<number | undefined>;
const lagSources = new Map<string, LagSource>();

/** Position of the last event each projection applied (store-specific units; positions only grow). */
export const projectionPosition = new Gauge({
  name: 'projection_position',
  help: 'Event-store position of the last event the projection applied',
  labelNames: ['projection'],
});

export const projectionEvents = new Counter({
  name: 'projection_events_total',
  help: 'Events read by the projection (applied or skipped by type) in this process',
  labelNames: ['projection'],
});

new Gauge({
  name: 'projection_lag_position',
  help: 'Head position of the event store minus the projection position (0 = caught up); store-specific units',
  labelNames: ['projection'],
  async collect() {
    for (const [projection, lagOf] of lagSources) {
      const lag = await lagOf().catch(() => undefined);
      if (lag !== undefined) this.set({ projection }, lag);
    }
  },
});

export function trackLag(projection: string, lagOf: LagSource): () => void {
  lagSources.set(projection, lagOf);
  return () => {
    if (lagSources.get(projection) === lagOf) lagSources.delete(projection);
  };
}
