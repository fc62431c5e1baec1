import type { ActorEvent, ActorType } from './actor-events.js';

/** Merges followed at most this far: a longer chain is a hand-made stream. */
const MAX_CHAIN = 64;

/**
 * The registry as known at some moment, folded from actor events in position order: which actor
 * each one answers as (its survivor, docs/actors.md) and of what type. For reads folded from history
 * (as-of), where the read model's current survivors would be wrong before a merge.
 */
export class ActorDirectory {
  private readonly types = new Map<string, ActorType>();
  private readonly names = new Map<string, string>();
  private readonly mergedInto = new Map<string, string>();

  add(event: ActorEvent): void {
    if (event.type === 'ActorRegistered') {
      this.types.set(event.data.actorId, event.data.actorType);
      this.names.set(event.data.actorId, event.data.name);
    }
    else if (event.type === 'ActorMerged') this.mergedInto.set(event.data.actorId, event.data.into);
  }

  /** The actor `actorId` answers as: itself until merged. */
  survivorOf(actorId: string): string {
    let id = actorId;
    for (let step = 0; step < MAX_CHAIN && this.mergedInto.has(id); step++) id = this.mergedInto.get(id)!;
    return id;
  }

  /** The name of the actor `actorId` answers as; `undefined` for an actor not registered then. */
  nameOf(actorId: string): string | undefined {
    return this.names.get(this.survivorOf(actorId));
  }

  /**
   * The actor `actorId` answers as, named (`{ id, name, actorType }` of its survivor). One not
   * registered then (a hand-made stream) is named by its id, typed `external_force` ("other").
   */
  refOf(actorId: string): { id: string; name: string; actorType: ActorType } {
    const id = this.survivorOf(actorId);
    return { id, name: this.names.get(id) ?? id, actorType: this.types.get(id) ?? 'external_force' };
  }

  /** The type of the actor `actorId` answers as; `undefined` for an actor not registered then. */
  typeOf(actorId: string): ActorType | undefined {
    return this.types.get(this.survivorOf(actorId));
  }
}
