import type { SourceDirectory } from './source-directory.js';
import type { SourceFields } from './events.js';

/**
 * `directory` is the registry as the caller folded it from the store just before deciding: names
 * and aliases must be unique across sources, a rule over every `source-*` stream, so it arrives on
 * the command like `now` does.
 */
export type SourceCommandMetadata = Readonly<{ directory: SourceDirectory }>;

type Command<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data>; metadata: SourceCommandMetadata }>;

export type RegisterSource = Command<'RegisterSource', { sourceId: string } & SourceFields>;
/** Absent fields stay as they are; `aliases` replaces the list. */
export type AmendSource = Command<'AmendSource', { sourceId: string } & Partial<SourceFields>>;

export type SourceCommand = RegisterSource | AmendSource;
