import { Counter, Gauge } from 'prom-client';

/** What `/metrics` asks of a running projection when scraped (a query or two per scrape, none per batch). */
export interface ScrapedProjection {
  /** Head position of the store minus the projection's; `undefined` when this process does not run it now. */
  lag(): Promise<number | undefined>;
  /** Streams the projection has set aside (from the database, so every process reports the same). */
  quarantined(): Promise<number>;
}
const scraped = new Map<string, ScrapedProjection>();

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

export const projectionFailures = new Counter({
  name: 'projection_failures_total',
  help: 'Batch transactions of the projection that failed in this process (transient or not; each retry counts)',
  labelNames: ['projection'],
});

/** Collects one value of every scraped projection; a projection whose query fails is left out of this scrape. */
const collected = (name: string, help: string, valueOf: (projection: ScrapedProjection) => Promise<number | undefined>) =>
  new Gauge({
    name,
    help,
    labelNames: ['projection'],
    async collect() {
      for (const [projection, source] of scraped) {
        const value = await valueOf(source).catch(() => undefined);
        if (value !== undefined) this.set({ projection }, value);
      }
    },
  });

collected(
  'projection_lag_position',
  'Head position of the event store minus the projection position (0 = caught up); store-specific units',
  (projection) => projection.lag(),
);
collected('projection_quarantined_streams', 'Streams (incidents) the projection has quarantined: their read models are held back', (projection) =>
  projection.quarantined(),
);

export function trackProjection(projection: string, source: ScrapedProjection): () => void {
  scraped.set(projection, source);
  return () => {
    if (scraped.get(projection) === source) scraped.delete(projection);
  };
}
