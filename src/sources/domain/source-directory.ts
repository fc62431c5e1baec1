import type { Reliability, SourceEvent, SourceFields, SourceScale } from './events.js';
import { sourceKey } from './source-key.js';

/**
 * The registry as of some position: every registered source's fields, and which source each
 * canonical name (`sourceKey` of a name or alias) belongs to. Folded from the registry's events in
 * `$all` order, so a tally as of a moment sees the aliases registered by then and no later ones.
 */
export type SourceDirectory = Readonly<{
  sources: ReadonlyMap<string, SourceFields>;
  /** `sourceKey(name or alias)` → sourceId. */
  owners: ReadonlyMap<string, string>;
}>;

export const emptyDirectory: SourceDirectory = { sources: new Map(), owners: new Map() };

/** A name as the tally counts it: `key` tells sources apart; `name`, `reliability` and `scale` are the registered ones, if any. */
export type ResolvedSource = Readonly<{ key: string; name: string | undefined; reliability: Reliability | undefined; scale: SourceScale | undefined }>;

/** Resolves a name or alias; an unregistered name is its own source, keyed by `sourceKey`. */
export function resolveSource(directory: SourceDirectory, name: string): ResolvedSource {
  const key = sourceKey(name);
  const owner = directory.owners.get(key);
  const fields = owner === undefined ? undefined : directory.sources.get(owner);
  if (fields === undefined) return { key, name: undefined, reliability: undefined, scale: undefined };
  return { key: sourceKey(fields.name), name: fields.name, reliability: fields.reliability, scale: fields.scale };
}

const namesOf = (fields: SourceFields): string[] => [fields.name, ...fields.aliases].map(sourceKey);

/** The directory after one more registry event (a new value: directories as of earlier positions stay as they were). */
export function withSourceEvent(directory: SourceDirectory, event: SourceEvent): SourceDirectory {
  const before = directory.sources.get(event.data.sourceId);
  if (event.type === 'SourceAmended' && before === undefined) return directory;
  const { sourceId, ...changed } = event.data;
  const fields = { ...before, ...changed } as SourceFields;
  const sources = new Map(directory.sources).set(sourceId, fields);
  const owners = new Map(directory.owners);
  for (const key of before === undefined ? [] : namesOf(before)) if (owners.get(key) === sourceId) owners.delete(key);
  // A name another source holds stays that source's: the decider refuses it, so only a hand-made stream gets here.
  for (const key of namesOf(fields)) if (!owners.has(key)) owners.set(key, sourceId);
  return { sources, owners };
}

/** The directory after the given registry events, in `$all` order. */
export const directoryOf = (events: Iterable<SourceEvent>, from: SourceDirectory = emptyDirectory): SourceDirectory => {
  let directory = from;
  for (const event of events) directory = withSourceEvent(directory, event);
  return directory;
};
