import fc from 'fast-check';
import { sourceKey } from './source-key.js';

describe('sourceKey', () => {
  it('gives a composed and a decomposed accent one key (Unicode NFC)', () => {
    const composed = 'Radio F\u00f3rmula';
    const decomposed = 'Radio Fo\u0301rmula';
    expect(composed).not.toBe(decomposed);
    expect(sourceKey(decomposed)).toBe(sourceKey(composed));
  });

  it('trims, collapses runs of whitespace (tabs and newlines too) and ignores case', () => {
    expect(sourceKey('  Radio\t\n  FÓRMULA ')).toBe('radio fórmula');
  });

  it('folds case fully (ß and SS) and drops invisible characters (zero-width space, soft hyphen, joiners)', () => {
    expect(sourceKey('Straße Radio')).toBe(sourceKey('STRASSE RADIO'));
    expect(sourceKey('Radio\u200bX')).toBe('radiox');
    expect(sourceKey('Ra\u00addio\u200d X\ufeff')).toBe('radio x');
    expect(sourceKey('\u200b\u200b')).toBe('');
  });

  it('tells different names apart', () => {
    expect(sourceKey('Radio Fórmula')).not.toBe(sourceKey('Radio Formula'));
    expect(sourceKey('El Siglo')).not.toBe(sourceKey('ElSiglo'));
  });

  it('is idempotent: a key is its own key', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (name) => expect(sourceKey(sourceKey(name))).toBe(sourceKey(name))));
  });
});
