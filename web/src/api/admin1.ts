import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import urls from 'virtual:admin1-boundaries';

export type Admin1Boundaries = FeatureCollection<Geometry, { name: string | null }>;

const loaded = new Map<string, Promise<Admin1Boundaries | undefined>>();

/**
 * The admin-1 boundaries (states, provinces; Natural Earth) of a country by ISO alpha-2 code, read
 * once per tab from the dashboard's own assets; `undefined` for a country the data does not cover.
 */
export function admin1Boundaries(country: string): Promise<Admin1Boundaries | undefined> {
  const url = urls[country.toUpperCase()];
  if (!url) return Promise.resolve(undefined);
  if (!loaded.has(url)) {
    const read = fetch(url)
      .then((response) => response.json() as Promise<Topology<{ admin1: GeometryCollection<{ name: string | null }> }>>)
      .then((topology) => feature(topology, topology.objects.admin1) as Admin1Boundaries);
    // A failed read is tried again the next time.
    read.catch(() => loaded.delete(url));
    loaded.set(url, read);
  }
  return loaded.get(url)!;
}
