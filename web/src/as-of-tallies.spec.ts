import { jest } from '@jest/globals';
import type { Features } from './api/features';
import type { Tally } from './api/types';
import { MAX_STEPS_PER_REQUEST } from './api/documents';
import { AsOfTallies, REQUESTS_IN_FLIGHT } from './as-of-tallies';

const features = {} as Features;

/**
 * The API as the page sees it: each request's `a<n>` variables answered as `s<n>` tallies that name
 * their `asOf` (in `arrests`). With `held`, answers wait for `release()`: requests then pile up as
 * the page sends them.
 */
function fakeApi({ failFirst = 0, held = false } = {}) {
  const requests: string[][] = [];
  let failures = failFirst;
  let inFlight = 0;
  const stats = { requests, mostInFlight: 0, release: () => {} };
  let gate = Promise.resolve();
  if (held) gate = new Promise((resolve) => (stats.release = resolve));
  const fetch = jest.fn(async (_url: string, init: { body: string }) => {
    const { variables } = JSON.parse(init.body) as { variables: Record<string, string> };
    const asOfs = Object.entries(variables).filter(([name]) => name.startsWith('a'));
    requests.push(asOfs.map(([, asOf]) => asOf));
    stats.mostInFlight = Math.max(stats.mostInFlight, ++inFlight);
    await gate;
    inFlight--;
    if (failures-- > 0) return new Response(JSON.stringify({ errors: [{ message: 'unavailable' }] }), { status: 503 });
    const incident = Object.fromEntries(asOfs.map(([name, asOf]) => [`s${name.slice(1)}`, { arrests: Number(asOf) }]));
    return new Response(JSON.stringify({ data: { incident } }), { status: 200 });
  });
  Object.assign(globalThis, { fetch, location: { origin: 'http://dashboard.test' }, sessionStorage: { getItem: () => 'token' } });
  return stats;
}

/** Lets every answer ready so far reach the page. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Waits until the page has sent a request for every chunk of `steps` (so that no read outlives its test). */
async function allSent({ requests }: { requests: string[][] }, steps: number): Promise<void> {
  while (new Set(requests.flat()).size < steps) await settle();
}

const positions = (steps: number) => Array.from({ length: steps }, (_, step) => String(100 + step));
const arrestsAt = async (tallies: AsOfTallies, step: number) => ((await tallies.at(step)) as Tally | undefined)?.arrests;

describe('AsOfTallies (the as-of slider’s tallies, read when the page opens)', () => {
  it('reads every step when made, in chunks of consecutive steps, newest first, and answers each step from what it read', async () => {
    const { requests } = fakeApi();
    const tallies = new AsOfTallies('incident-1', features, 'LATEST', positions(40));
    await tallies.loaded;
    expect(requests).toEqual([positions(40).slice(32), positions(40).slice(16, 32), positions(40).slice(0, 16)]);
    for (let step = 0; step < 40; step++) await expect(arrestsAt(tallies, step)).resolves.toBe(100 + step);
    await expect(tallies.at(-1)).resolves.toBeUndefined();
    expect(requests).toHaveLength(3);
  });

  it(`reads a long history ${MAX_STEPS_PER_REQUEST} steps a request, at most ${REQUESTS_IN_FLIGHT} requests at a time; loaded once the newest are read`, async () => {
    const api = fakeApi({ held: true });
    const steps = 3_000;
    const tallies = new AsOfTallies('incident-1', features, 'LATEST', positions(steps));
    let loaded = false;
    void tallies.loaded.then(() => (loaded = true));
    await settle();
    expect(api.requests).toEqual([2_992, 2_976, 2_960, 2_944].map((first) => positions(steps).slice(first, first + MAX_STEPS_PER_REQUEST)));
    expect(loaded).toBe(false);
    api.release();
    await tallies.loaded;
    await expect(arrestsAt(tallies, 0)).resolves.toBe(100);
    await expect(arrestsAt(tallies, steps - 1)).resolves.toBe(100 + steps - 1);
    await allSent(api, steps);
    await tallies.at(1_000);
    expect(api.mostInFlight).toBe(REQUESTS_IN_FLIGHT);
    expect(api.requests).toHaveLength(Math.ceil(steps / MAX_STEPS_PER_REQUEST));
    expect(api.requests.filter((asOfs) => asOfs.length !== MAX_STEPS_PER_REQUEST)).toEqual([positions(steps).slice(2_992)]);
  });

  it('reads the chunk of a step asked for before its turn next, ahead of the older ones', async () => {
    const api = fakeApi({ held: true });
    const tallies = new AsOfTallies('incident-1', features, 'LATEST', positions(3_000));
    await settle();
    const first = arrestsAt(tallies, 0);
    api.release();
    await expect(first).resolves.toBe(100);
    expect(api.requests.findIndex((asOfs) => asOfs[0] === '100')).toBe(REQUESTS_IN_FLIGHT);
    await allSent(api, 3_000);
  });

  it('sends one request for a history of one step, and none for a history without steps', async () => {
    const { requests } = fakeApi();
    await new AsOfTallies('incident-1', features, 'LATEST', []).loaded;
    expect(requests).toEqual([]);
    await new AsOfTallies('incident-1', features, 'LATEST', positions(1)).loaded;
    expect(requests).toEqual([['100']]);
  });

  it('is loaded even when a read failed, and reads a failed chunk again when one of its steps is asked for', async () => {
    const { requests } = fakeApi({ failFirst: 1 });
    const tallies = new AsOfTallies('incident-1', features, 'LATEST', positions(20));
    await tallies.loaded;
    expect(requests).toHaveLength(2);
    await expect(arrestsAt(tallies, 3)).resolves.toBe(103);
    await expect(arrestsAt(tallies, 19)).resolves.toBe(119);
    expect(requests).toEqual([positions(20).slice(16), positions(20).slice(0, 16), positions(20).slice(16)]);
  });
});
