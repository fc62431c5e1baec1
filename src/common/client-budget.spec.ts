import { ClientBudget } from './client-budget.js';

/** A request from `remoteAddress`, as `hold` reads it. */
const from = (remoteAddress: string) => ({ socket: { remoteAddress } }) as never;

describe("ClientBudget.hold: what a client's operations running at once may cost together", () => {
  it('holds costs per address up to the most, and one operation alone whatever its cost; a release counts once', () => {
    const budget = new ClientBudget(100);
    const first = budget.hold(from('10.0.0.1'), 40_000, 60_000)!;
    expect(first).toBeDefined();
    expect(budget.hold(from('10.0.0.1'), 30_000, 60_000)).toBeUndefined();
    expect(budget.hold(from('10.0.0.2'), 70_000, 60_000)).toBeDefined();
    const second = budget.hold(from('10.0.0.1'), 20_000, 60_000)!;
    expect(second).toBeDefined();
    first();
    first();
    expect(budget.hold(from('10.0.0.1'), 40_000, 60_000)).toBeDefined();
    expect(budget.hold(from('10.0.0.1'), 1, 60_000)).toBeUndefined();
    budget.onModuleDestroy();
  });

  it('holds nothing without a budget (RATE_LIMIT_PER_MINUTE=0)', () => {
    const budget = new ClientBudget(0);
    for (let n = 0; n < 5; n++) expect(budget.hold(from('10.0.0.1'), 60_000, 60_000)).toBeDefined();
    budget.onModuleDestroy();
  });
});
