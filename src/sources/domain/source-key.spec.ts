import fc from 'fast-check';
import { hasVisibleText, sourceKey } from './source-key.js';

/** Whitespace (Unicode White_Space, NEL and ideographic space too). */
const SPACES = [' ', '\t', '\n', '\r', '\u000b', '\u0085', '\u00a0', '\u1680', '\u2007', '\u2028', '\u202f', '\u3000'];
/**
 * Characters that render nothing: default-ignorables (zero-width space and joiners, soft hyphen, word joiner,
 * BOM, CGJ, Mongolian vowel separator, Hangul fillers, variation selectors, tags), format characters (bidi
 * marks, interlinear annotations, musical formatting), controls and the blank Braille pattern.
 */
const INVISIBLES = [
  '\u200b', '\u200c', '\u200d', '\u00ad', '\u2060', '\ufeff', '\u034f', '\u180e', '\u115f', '\u1160', '\u3164', '\uffa0', '\ufe0f', '\u{e0100}',
  '\u{e0001}', '\u{e0041}', '\u{e007f}', '\u200e', '\u202e', '\u2066', '\ufff9', '\ufffa', '\ufffb', '\u{1d173}', '\u0000', '\u0007', '\u007f', '\u009f', '\u2800',
];
/** Characters that show something, the prepended concatenation marks (which render a sign) among them. */
const VISIBLES = ['a', 'Ó', '7', '.', '-', '😀', '漢', 'ㄱ', 'ß', '\u0600', '\u0605', '\u06dd', '\u070f', '\u0890', '\u0891', '\u08e2', '\u{110bd}', '\u{110cd}'];

const blank = fc.array(fc.constantFrom(...SPACES, ...INVISIBLES), { maxLength: 12 }).map((chars) => chars.join(''));
const invisible = fc.array(fc.constantFrom(...INVISIBLES), { maxLength: 4 }).map((chars) => chars.join(''));
const word = fc.array(fc.constantFrom(...VISIBLES), { minLength: 1, maxLength: 6 });


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

  it('drops every character that renders nothing, wherever it stands', () => {
    fc.assert(
      fc.property(word, fc.array(invisible, { minLength: 7, maxLength: 7 }), (chars, noise) => {
        const noisy = chars.map((char, i) => `${noise[i]}${char}`).join('') + noise[6];
        expect(sourceKey(noisy)).toBe(sourceKey(chars.join('')));
      }),
    );
  });

  it('collapses every run of whitespace and invisible characters between words to one space', () => {
    fc.assert(
      fc.property(word, word, invisible, fc.constantFrom(...SPACES), blank, (first, second, before, space, after) => {
        expect(sourceKey(`${first.join('')}${before}${space}${after}${second.join('')}`)).toBe(sourceKey(`${first.join('')} ${second.join('')}`));
      }),
    );
  });
});

describe('hasVisibleText', () => {
  it.each([...SPACES, ...INVISIBLES].map((char) => [`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, char]))('counts %s as blank', (_name, char) => {
    expect(hasVisibleText(char)).toBe(false);
  });

  it('is false for text of only whitespace and invisible characters, and for non-strings', () => {
    fc.assert(fc.property(blank, (text) => expect(hasVisibleText(text)).toBe(false)));
    expect(hasVisibleText(undefined)).toBe(false);
    expect(hasVisibleText(7)).toBe(false);
  });

  it('is true as soon as one visible character stands among them', () => {
    fc.assert(fc.property(blank, fc.constantFrom(...VISIBLES), blank, (before, char, after) => expect(hasVisibleText(`${before}${char}${after}`)).toBe(true)));
  });

  it('is false for combining marks with no character to sit on and for U+FFFC, which a key keeps; true with a character under the marks', () => {
    const alone = fc.array(fc.constantFrom('\u0301', '\u20dd', '\u0903', '\ufffc', ...SPACES, ...INVISIBLES), { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
    fc.assert(fc.property(alone, (text) => expect(hasVisibleText(text)).toBe(false)));
    expect(sourceKey('\u0301\ufffc')).not.toBe('');
    expect(hasVisibleText('e\u0301')).toBe(true);
    expect(hasVisibleText('\u0915\u0903')).toBe(true);
  });
});
