/**
 * Commands that must not be decided at the same time take turns under a name. A command is decided
 * against its own stream, which its append guards (a lost race is decided again); a merge is decided
 * against other incidents' streams too (the survivor's chain and ledger, docs/merge.md), which its
 * append does not guard: two merges decided at once, each into the other, would both pass. Taking
 * turns, the second is decided after the first was appended, and sees it.
 */
export abstract class Turns {
  /** Runs `work` once no other holder of `name` is running (in any process the implementation spans). */
  abstract take<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** Turns within this process: per name, each `work` starts when the one before it has settled. */
export class LocalTurns extends Turns {
  private readonly last = new Map<string, Promise<unknown>>();

  take<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = this.last.get(name) ?? Promise.resolve();
    const turn = previous.then(work, work);
    const settled = turn.catch(() => undefined);
    this.last.set(name, settled);
    void settled.then(() => {
      if (this.last.get(name) === settled) this.last.delete(name);
    });
    return turn;
  }
}
