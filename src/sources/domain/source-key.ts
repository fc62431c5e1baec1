/**
 * Characters that render nothing and are not whitespace: Unicode's default-ignorable code points
 * (zero-width spaces and joiners, soft hyphen, variation selectors, tags, the Hangul fillers U+115F,
 * U+1160, U+3164 and U+FFA0), format characters (Cf: bidirectional marks, the interlinear annotation
 * marks U+FFF9–U+FFFB…) except the prepended concatenation marks, which show a sign (U+0600–U+0605,
 * U+06DD, U+070F, U+0890–U+0891, U+08E2, U+110BD, U+110CD), control characters (Cc) and the blank
 * Braille pattern U+2800. Whitespace (Unicode White_Space) is not among them: it separates words.
 */
export const INVISIBLE = /(?![\p{White_Space}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}])[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\u2800]/gu;

/** Runs of Unicode White_Space (tabs, line breaks, NEL U+0085, no-break and ideographic spaces…). */
const WHITESPACE = /\p{White_Space}+/gu;

/**
 * `sourceKey`'s memo of the names it keyed, emptied when full: a tally keys every casualty record's
 * source, and the projection recounts an incident each time a batch touches it, from few distinct names.
 */
const keys = new Map<string, string>();
const KEYS_KEPT = 10_000;

/**
 * docs/sources.md "One source, many spellings": the one rule telling whether two spellings name the same source.
 * Names compare after Unicode NFC, dropping the characters that render nothing (`INVISIBLE`),
 * collapsing every run of whitespace to one space, trimming, and full case folding (upper then
 * lower case, so `Straße` and `STRASSE` match, then NFC again). So `Radio Fórmula` with a composed or
 * a decomposed accent and ` radio  FÓRMULA ` share one key. Everything that groups
 * figures by source (the tally, sums across incidents, the figure rows SQL groups by) goes through this.
 */
export function sourceKey(name: string): string {
  let key = keys.get(name);
  // Stryker disable next-line ConditionalExpression: equivalent, keying a name again gives the same key
  if (key === undefined) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, emptying the memo early or never changes no key, only memory and speed
    if (keys.size >= KEYS_KEPT) keys.clear();
    key = name.normalize('NFC').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim().toUpperCase().toLowerCase().normalize('NFC');
    keys.set(name, key);
  }
  return key;
}

/**
 * What shows nothing on its own, though it is kept in a key: combining marks (Unicode category M)
 * with no character to sit on, and U+FFFC, the placeholder of an embedded object that is not there.
 */
const NOTHING_ALONE = /[\p{M}\uFFFC]/gu;

/**
 * Whether `value` is text that shows something: not only whitespace, characters that render nothing
 * (`INVISIBLE`), combining marks and U+FFFC (`NOTHING_ALONE`). So its `sourceKey` is not empty.
 */
export const hasVisibleText = (value: unknown): value is string => typeof value === 'string' && sourceKey(value).replace(NOTHING_ALONE, '').trim() !== '';

/**
 * How many characters `text` holds, as every length limit counts them (the API's input rules, the
 * domain, a token's `sub`): Unicode code points, as PostgreSQL counts them. An emoji is one, though
 * UTF-16 takes two units for it; a variation selector (U+FE0F) is one more.
 */
export const characterCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};
