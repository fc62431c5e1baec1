import { distinctAttachments } from './attached-actors.js';

const attached = (actorId: string, role: string) => ({ actorId, role });
/** The merged actor `m` answers as `s`. */
const survivorOf = ({ actorId }: { actorId: string }) => (actorId === 'm' ? 's' : actorId);

describe('distinctAttachments', () => {
  it('shows an actor and one merged into it, in the same role, once: the first attached', () => {
    expect(distinctAttachments([attached('m', 'side_a'), attached('p', 'side_b'), attached('s', 'side_a')], survivorOf)).toEqual([attached('m', 'side_a'), attached('p', 'side_b')]);
  });

  it('keeps each role of one actor, and actors that answer as others apart', () => {
    expect(distinctAttachments([attached('s', 'side_a'), attached('m', 'perpetrator'), attached('p', 'side_a')], survivorOf)).toEqual([
      attached('s', 'side_a'),
      attached('m', 'perpetrator'),
      attached('p', 'side_a'),
    ]);
  });
});
