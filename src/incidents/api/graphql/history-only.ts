import { getArgumentValues, getNamedType, type GraphQLResolveInfo, isObjectType, Kind, type SelectionSetNode } from 'graphql';
import { DEFAULT_BEST_POLICY } from '../../domain/best-policy.js';
import type { TallyTimeArgs } from '../inputs/tally-time.inputs.js';

/** An incident's fields its event history answers whatever its read model holds (`tally` as `tallyFromHistory` says). */
const FROM_HISTORY = new Set(['__typename', 'id', 'tallyDiff']);

/**
 * Whether `Incident.tally` with these arguments is read from the history (as of a moment, within a
 * world-time window, or under another policy than the read model's), not from the read model.
 */
export const tallyFromHistory = ({ asOf, bestPolicy, occurredFrom, occurredTo }: TallyTimeArgs): boolean =>
  asOf != null || occurredFrom != null || occurredTo != null || (bestPolicy ?? DEFAULT_BEST_POLICY) !== DEFAULT_BEST_POLICY;

/**
 * Whether a field returning an incident asks only what the incident's event history answers (`id`,
 * `tally` from the history (`tallyFromHistory`), `tallyDiff`), through fragments too: nothing of its read
 * model, so it is served while the projection holds that read model back (docs/quarantine.md).
 */
export function asksHistoryOnly(info: GraphQLResolveInfo): boolean {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return false;
  const tally = type.getFields().tally;
  const only = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).every((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return only(selection.selectionSet);
      if (selection.kind === Kind.FRAGMENT_SPREAD) return only(info.fragments[selection.name.value]?.selectionSet);
      if (selection.name.value === 'tally') return tallyFromHistory(getArgumentValues(tally, selection, info.variableValues) as TallyTimeArgs);
      return FROM_HISTORY.has(selection.name.value);
    });
  return info.fieldNodes.every((node) => only(node.selectionSet));
}
