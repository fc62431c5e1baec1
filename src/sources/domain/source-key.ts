/**
 * SPEC §6.1 "Source identity": the one rule telling whether two spellings name the same source.
 * Names compare after Unicode NFC, dropping invisible characters (Unicode Default_Ignorable_Code_Point:
 * zero-width spaces and joiners, soft hyphens, variation selectors), trimming, collapsing every run
 * of whitespace to one space and full case folding (upper then lower case, so `Straße` and `STRASSE`
 * match, then NFC again). So `Radio Fórmula` with a composed or a decomposed accent and
 * ` radio  FÓRMULA ` share one key. Everything that groups
 * figures by source (the tally, sums across incidents, the figure rows SQL groups by) goes through this.
 */
export const sourceKey = (name: string): string =>
  name.normalize('NFC').replace(INVISIBLE, '').trim().replace(/\s+/gu, ' ').toUpperCase().toLowerCase().normalize('NFC');

/** Characters that show nothing (Unicode's default-ignorable code points). */
export const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
