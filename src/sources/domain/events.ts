/**
 * The source registry's events (docs/sources.md "One source, many spellings"), stream `source-<uuid>`: plain readonly
 * `{ type, data }` values like the incident's. Every event carries `sourceId`, so a fold over `$all`
 * needs no stream-name parsing.
 */

export const SOURCE_SCALES = ['local', 'regional', 'national', 'international'] as const;
/** Admiralty-code source reliability: `A` completely reliable … `F` cannot be judged. */
export const RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
/** The kinds records already give their sources (the incident domain's `SOURCE_KINDS`). */
export const REGISTERED_SOURCE_KINDS = ['government', 'media', 'ngo', 'social_media', 'witness', 'other'] as const;

export type SourceScale = (typeof SOURCE_SCALES)[number];
export type Reliability = (typeof RELIABILITIES)[number];
export type RegisteredSourceKind = (typeof REGISTERED_SOURCE_KINDS)[number];

export type SourceFields = Readonly<{
  name: string;
  aliases: readonly string[];
  kind: RegisteredSourceKind;
  scale: SourceScale;
  reliability: Reliability;
}>;

type Event<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;
type OfSource = { sourceId: string };

export type SourceRegistered = Event<'SourceRegistered', OfSource & SourceFields>;
/** Carries only the fields that changed; `aliases` replaces the list. */
export type SourceAmended = Event<'SourceAmended', OfSource & Partial<SourceFields>>;

export type SourceEvent = SourceRegistered | SourceAmended;
export const SOURCE_EVENT_TYPES = ['SourceRegistered', 'SourceAmended'] as const satisfies readonly SourceEvent['type'][];
