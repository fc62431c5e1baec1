import { DomainError } from '../../incidents/domain/domain-error.js';
import { requireOneOf, requireText } from '../../incidents/domain/guards.js';
import type { AmendSource, RegisterSource, SourceCommand } from './commands.js';
import { REGISTERED_SOURCE_KINDS, RELIABILITIES, SOURCE_SCALES, type SourceEvent, type SourceFields } from './events.js';
import type { SourceState } from './source.js';
import type { SourceDirectory } from './source-directory.js';
import { sourceKey } from './source-key.js';

/**
 * Decides the registry's events (docs/sources.md), or throws a `DomainError`: `SOURCE.ALREADY_EXISTS`,
 * `SOURCE.NOT_FOUND`, `VALUE.INVALID` naming the field, `SOURCE.NAME_TAKEN` (409) naming `name` or
 * `aliases[i]` when another registered source already holds that name or alias as `sourceKey`
 * compares them, `VALUE.INVALID` naming `aliases[i]` when it repeats the name or an earlier alias. An amendment that changes nothing decides no events.
 */
export function decideSource(command: SourceCommand, state: SourceState): SourceEvent[] {
  switch (command.type) {
    case 'RegisterSource':
      return registerSource(command, state);
    case 'AmendSource':
      return amendSource(command, state);
    default: {
      const unknown: never = command;
      throw new DomainError('VALUE.INVALID', `Unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function registerSource({ data, metadata }: RegisterSource, state: SourceState): SourceEvent[] {
  if (state.fields !== undefined) throw new DomainError('SOURCE.ALREADY_EXISTS', `Source ${data.sourceId} is already registered`, 'sourceId');
  requireValidSourceFields(data, metadata.directory);
  const { sourceId, name, aliases, kind, scale, reliability } = data;
  return [{ type: 'SourceRegistered', data: { sourceId, name, aliases: [...aliases], kind, scale, reliability } }];
}

function amendSource({ data, metadata }: AmendSource, state: SourceState): SourceEvent[] {
  if (state.fields === undefined) throw new DomainError('SOURCE.NOT_FOUND', `No source ${data.sourceId}`, 'sourceId');
  const { sourceId, ...given } = data;
  const changed = Object.fromEntries(
    Object.entries(given).filter(([field, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(state.fields![field as keyof SourceFields])),
  ) as Partial<SourceFields>;
  if (Object.keys(changed).length === 0) return [];
  requireValidSourceFields({ sourceId, ...state.fields, ...changed }, metadata.directory);
  return [{ type: 'SourceAmended', data: { sourceId, ...changed } }];
}

function requireValidSourceFields(fields: SourceFields & { sourceId: string }, directory: SourceDirectory): void {
  requireText(fields.name, 'name');
  fields.aliases.forEach((alias, i) => requireText(alias, `aliases[${i}]`));
  requireOneOf(fields.kind, REGISTERED_SOURCE_KINDS, 'kind');
  requireOneOf(fields.scale, SOURCE_SCALES, 'scale');
  requireOneOf(fields.reliability, RELIABILITIES, 'reliability');
  const named: [field: string, name: string][] = [['name', fields.name], ...fields.aliases.map((alias, i): [string, string] => [`aliases[${i}]`, alias])];
  const seen = new Map<string, string>();
  for (const [field, name] of named) {
    const earlier = seen.get(sourceKey(name));
    if (earlier !== undefined) throw new DomainError('VALUE.INVALID', `${field} "${name}" is ${earlier} again, as sourceKey compares names`, field);
    seen.set(sourceKey(name), field);
    const owner = directory.owners.get(sourceKey(name));
    if (owner !== undefined && owner !== fields.sourceId) {
      throw new DomainError('SOURCE.NAME_TAKEN', `${field} "${name}" already names source ${owner}`, field);
    }
  }
}
