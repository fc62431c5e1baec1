import { getArgumentValues, getNamedType, type GraphQLResolveInfo, isObjectType, Kind, type SelectionSetNode } from 'graphql';

/** An incident's fields its event history answers whatever its read model holds (`tally` only with `asOf`). */
const FROM_HISTORY = new Set(['__typename', 'id', 'tallyDiff']);

/**
 * Whether a field returning an incident asks only what the incident's event history answers (`id`,
 * `tally(asOf:)`, `tallyDiff`), through fragments too: nothing of its read model, so it is served
 * while the projection holds that read model back (docs/quarantine.md).
 */
export function asksHistoryOnly(info: GraphQLResolveInfo): boolean {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return false;
  const tally = type.getFields().tally;
  const only = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).every((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return only(selection.selectionSet);
      if (selection.kind === Kind.FRAGMENT_SPREAD) return only(info.fragments[selection.name.value]?.selectionSet);
      if (selection.name.value === 'tally') return getArgumentValues(tally, selection, info.variableValues).asOf != null;
      return FROM_HISTORY.has(selection.name.value);
    });
  return info.fieldNodes.every((node) => only(node.selectionSet));
}
