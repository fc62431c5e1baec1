import { ActorDirectory } from './actor-directory.js';

const A = 'a0000000-0000-4000-8000-000000000001';
const B = 'a0000000-0000-4000-8000-000000000002';
const C = 'a0000000-0000-4000-8000-000000000003';

const directoryOf = (merges: [string, string][]): ActorDirectory => {
  const directory = new ActorDirectory();
  directory.add({ type: 'ActorRegistered', data: { actorId: A, name: 'A', aliases: [], actorType: 'political_militia' } });
  directory.add({ type: 'ActorRegistered', data: { actorId: B, name: 'B', aliases: [], actorType: 'rebel_group' } });
  directory.add({ type: 'ActorAliasAdded', data: { actorId: B, alias: 'b' } });
  for (const [actorId, into] of merges) directory.add({ type: 'ActorMerged', data: { actorId, into } });
  return directory;
};

describe('ActorDirectory', () => {
  it('answers each actor as itself, with its type, before any merge', () => {
    const directory = directoryOf([]);
    expect([directory.survivorOf(A), directory.typeOf(A), directory.survivorOf(B), directory.typeOf(B)]).toEqual([A, 'political_militia', B, 'rebel_group']);
    expect(directory.typeOf(C)).toBeUndefined();
  });

  it('answers a merged actor as its survivor, through chains of merges, with the survivor type', () => {
    const directory = directoryOf([[A, B], [B, C]]);
    expect(directory.survivorOf(A)).toBe(C);
    expect(directoryOf([[A, B]]).typeOf(A)).toBe('rebel_group');
    expect([directoryOf([[A, B]]).nameOf(A), directoryOf([]).nameOf(A), directoryOf([]).nameOf(C)]).toEqual(['B', 'A', undefined]);
  });

  it('names an actor as its survivor, and one it does not know by its id', () => {
    expect(directoryOf([[A, B]]).refOf(A)).toEqual({ id: B, name: 'B', actorType: 'rebel_group' });
    expect(directoryOf([]).refOf(C)).toEqual({ id: C, name: C, actorType: 'external_force' });
  });

  it('follows a chain of merges 64 steps at most', () => {
    const chain = Array.from({ length: 66 }, (_, n) => `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
    expect(directoryOf(chain.slice(1).map((into, n) => [chain[n], into])).survivorOf(chain[0])).toBe(chain[64]);
  });

  it('stops on a hand-made cycle of merges', () => {
    expect([A, B]).toContain(directoryOf([[A, B], [B, A]]).survivorOf(A));
  });

  it('follows a chain of 64 merges to its end, and no further than 64', () => {
    const chain = (length: number): ActorDirectory => {
      const directory = new ActorDirectory();
      for (let i = 0; i < length; i++) directory.add({ type: 'ActorMerged', data: { actorId: `actor-${i}`, into: `actor-${i + 1}` } });
      return directory;
    };
    expect(chain(64).survivorOf('actor-0')).toBe('actor-64');
    expect(chain(65).survivorOf('actor-0')).toBe('actor-64');
  });
});
