import { DUPLICATE_WINDOW_MS, duplicateScore, REASON_WEIGHTS, type DuplicateTraits } from './duplicates.js';

const villaUnion: DuplicateTraits = {
  country: 'MX',
  admin2: 'Villa Unión',
  occurredAt: '2019-11-30T12:00:00.000Z',
  category: 'battle',
  sources: ['Coahuila state government', 'El Siglo de Torreón'],
};
const later = (ms: number) => new Date(Date.parse(villaUnion.occurredAt) + ms).toISOString();

describe('duplicateScore', () => {
  it('scores two reports alike in every way 1, with every reason named and weighted', () => {
    expect(duplicateScore(villaUnion, { ...villaUnion, occurredAt: later(3_600_000) })).toEqual({
      score: 1,
      reasons: [
        { reason: 'same_admin2', weight: 0.35, detail: 'Both in Villa Unión, MX' },
        { reason: 'within_48h', weight: 0.25, detail: 'Occurred 1 h apart' },
        { reason: 'same_category', weight: 0.2, detail: 'Both battle' },
        { reason: 'shared_sources', weight: 0.2, detail: 'Both cite Coahuila state government, El Siglo de Torreón' },
      ],
    });
  });

  it('weights shared sources by the share of the smaller list both cite', () => {
    const other = { ...villaUnion, sources: ['El Siglo de Torreón', 'Milenio', 'Reforma', 'Reforma'] };
    const shared = duplicateScore(villaUnion, other).reasons.find((r) => r.reason === 'shared_sources');
    expect(shared).toEqual({ reason: 'shared_sources', weight: 0.1, detail: 'Both cite El Siglo de Torreón' });
  });

  it('counts spellings of one source (case, spaces, composed accents) as one shared source, named as the first incident spells it', () => {
    const a = { ...villaUnion, sources: ['Radio Bio Bio', 'Radio Fo\u0301rmula', 'radio bio bio'] };
    const b = { ...villaUnion, sources: ['radio  BIO bio ', 'Radio F\u00f3rmula'] };
    const shared = duplicateScore(a, b).reasons.find((r) => r.reason === 'shared_sources');
    expect(shared).toEqual({ reason: 'shared_sources', weight: 0.2, detail: 'Both cite Radio Bio Bio, Radio Fo\u0301rmula' });
  });

  it('names the shared sources in alphabetical order', () => {
    const a = { ...villaUnion, sources: ['Reforma', 'Milenio', 'El Siglo de Torreón'] };
    const shared = duplicateScore(a, { ...villaUnion, sources: ['Milenio', 'Reforma'] }).reasons.find((r) => r.reason === 'shared_sources');
    expect(shared?.detail).toBe('Both cite Milenio, Reforma');
  });

  it('is symmetric', () => {
    const other = { ...villaUnion, admin2: 'Allende', sources: ['El Siglo de Torreón'], occurredAt: later(-5_400_000) };
    expect(duplicateScore(villaUnion, other)).toEqual(duplicateScore(other, villaUnion));
    expect(duplicateScore(other, villaUnion).reasons.map((r) => r.detail)).toContain('Occurred 1.5 h apart');
  });

  it('counts occurrences exactly 48 h apart as within the window, and not a millisecond more', () => {
    expect(duplicateScore(villaUnion, { ...villaUnion, occurredAt: later(DUPLICATE_WINDOW_MS) }).reasons.map((r) => r.reason)).toContain('within_48h');
    expect(duplicateScore(villaUnion, { ...villaUnion, occurredAt: later(-DUPLICATE_WINDOW_MS) }).reasons.map((r) => r.reason)).toContain('within_48h');
    const outside = duplicateScore(villaUnion, { ...villaUnion, occurredAt: later(DUPLICATE_WINDOW_MS + 1) });
    expect(outside.reasons.map((r) => r.reason)).toEqual(['same_admin2', 'same_category', 'shared_sources']);
    expect(outside.score).toBe(0.75);
  });

  it('needs the same country for the same admin2, and a named admin2', () => {
    expect(duplicateScore(villaUnion, { ...villaUnion, country: 'US' }).reasons.map((r) => r.reason)).not.toContain('same_admin2');
    expect(duplicateScore(villaUnion, { ...villaUnion, admin2: 'Allende' }).reasons.map((r) => r.reason)).not.toContain('same_admin2');
    expect(duplicateScore({ ...villaUnion, admin2: '' }, { ...villaUnion, admin2: '' }).reasons.map((r) => r.reason)).not.toContain('same_admin2');
  });

  it('scores incidents with nothing in common 0, without reasons', () => {
    const other: DuplicateTraits = { country: 'US', admin2: 'Cochise', occurredAt: later(DUPLICATE_WINDOW_MS * 3), category: 'riot', sources: ['Reforma'] };
    expect(duplicateScore(villaUnion, other)).toEqual({ score: 0, reasons: [] });
  });

  it('has weights that sum to 1', () => {
    expect(Object.values(REASON_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});
