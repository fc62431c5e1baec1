/**
 * SPEC §6.1 "Source identity": the one rule telling whether two spellings name the same source.
 * Names compare after Unicode NFC, trimming, collapsing every run of whitespace to one space and
 * case folding (`toLowerCase` after NFC, so `Radio Fórmula` with a composed or a decomposed accent,
 * ` radio  FÓRMULA ` and `Radio Fórmula` share one key). Everything that groups figures by source
 * (the tally, sums across incidents, the figure rows SQL groups by) goes through this.
 */
export const sourceKey = (name: string): string => name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
