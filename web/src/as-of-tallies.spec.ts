import { jest } from '@jest/globals';
import type { Features } from './api/features';
import type { Tally } from './api/types';
import { AsOfTallies } from './as-of-tallies';

const features = {} as Features;

/** The API as the page sees it: each request's `a<n>` variables answered as `s<n>` tallies that name their `asOf` (in `arrests`). */
function fakeApi(failFirst = 0) {
  const requests: string[][] = [];
  let failures = failFirst;
  const fetch = jest.fn(async (_url: string, init: { body: string }) => {
    const { variables } = JSON.parse(init.body) as { variables: Record<string, string> };
    const asOfs = Object.entries(variables).filter(([name]) => name.startsWith('a'));
    requests.push(asOfs.map(([, asOf]) => asOf));
    if (failures-- > 0) return new Response(JSON.stringify({ errors: [{ message: 'unavailable' }] }), { status: 503 });
    const incident = Object.fromEntries(asOfs.map(([name, asOf]) => [`s${name.slice(1)}`, { arrests: Number(asOf) }]));
    return new Response(JSON.stringify({ data: { incident } }), { status: 200 });
  });
  Object.assign(globalThis, { fetch, location: { origin: 'http://dashboard.test' }, sessionStorage: { getItem: () => 'token' } });
  return requests;
}

const positions = (steps: number) => Array.from({ length: steps }, (_, step) => String(100 + step));
const arrestsAt = async (tallies: AsOfTallies, step: number) => ((await tallies.at(step)) as Tally | undefined)?.arrests;

describe('AsOfTallies (the as-of slider’s tallies, read when the page opens)', () => {
  it('reads every step when made, in chunks of consecutive steps, and answers each step from what it read', async () => {
    const requests = fakeApi();
    const tallies = new AsOfTallies('incident-1', features, 'LATEST', positions(40));
    await tallies.loaded;
    expect(requests).toEqual([positions(40).slice(0, 16), positions(40).slice(16, 32), positions(40).slice(32)]);
    for (let step = 0; step < 40; step++) await expect(arrestsAt(tallies, step)).resolves.toBe(100 + step);
    await expect(tallies.at(-1)).resolves.toBeUndefined();
    expect(requests).toHaveLength(3);
  });

  it('puts fewer steps in a request as the history grows, within the fold budget of 20,000 events a request', async () => {
    const requests = fakeApi();
    await new AsOfTallies('incident-1', features, 'LATEST', positions(3_000)).loaded;
    expect(requests.map((asOfs) => asOfs.length)).toEqual([...Array<number>(500).fill(6)]);
  });

  it('sends one request for a history of one step, and none for a history without steps', async () => {
    const requests = fakeApi();
    await new AsOfTallies('incident-1', features, 'LATEST', []).loaded;
    expect(requests).toEqual([]);
    await new AsOfTallies('incident-1', features, 'LATEST', positions(1)).loaded;
    expect(requests).toEqual([['100']]);
  });

  it('is loaded even when a read failed, and reads a failed chunk again when one of its steps is asked for', async () => {
    const requests = fakeApi(1);
    const tallies = new AsOfTallies('incident-1', features, 'LATEST', positions(20));
    await tallies.loaded;
    expect(requests).toHaveLength(2);
    await expect(arrestsAt(tallies, 19)).resolves.toBe(119);
    await expect(arrestsAt(tallies, 3)).resolves.toBe(103);
    expect(requests).toEqual([positions(20).slice(0, 16), positions(20).slice(16), positions(20).slice(0, 16)]);
  });
});
