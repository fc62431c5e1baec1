import { BREAK, type DocumentNode, type FragmentDefinitionNode, GraphQLError, Kind, parse, type SelectionSetNode, visit } from 'graphql';
import { MAX_TOKENS } from './query-limits.js';

/** Fields of one response name a selection set may hold, through its fragments. */
export const MAX_SAME_NAME_FIELDS = 10;

/**
 * Refused before validation: a selection set that repeats one response name more than
 * `MAX_SAME_NAME_FIELDS` times (directly or through fragments). graphql-js's
 * `OverlappingFieldsCanBeMerged` compares every pair of such fields, so a document within the
 * token limit holding 200 `incident(id:)` fields would hold the event loop for seconds; a client
 * never needs the same response name that often (aliases give each field its own).
 */
export function repeatedFieldsError(document: DocumentNode): GraphQLError | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const countInto = (set: SelectionSetNode, counts: Map<string, number>, spread: Set<string>): Map<string, number> => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.alias?.value ?? selection.name.value;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        countInto(selection.selectionSet, counts, spread);
      } else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) countInto(fragment.selectionSet, counts, spread);
      }
    }
    return counts;
  };

  let repeated: string | undefined;
  visit(document, {
    SelectionSet(set) {
      for (const [name, count] of countInto(set, new Map(), new Set())) {
        if (count > MAX_SAME_NAME_FIELDS) {
          repeated = name;
          return BREAK;
        }
      }
      return undefined;
    },
  });
  return repeated === undefined
    ? undefined
    : new GraphQLError(`A selection may repeat the field "${repeated}" at most ${MAX_SAME_NAME_FIELDS} times; give each its own alias`, {
        extensions: { code: 'QUERY.REPEATED_FIELDS', http: { status: 400 } },
      });
}

/** The same check on an HTTP request's document, before Apollo parses and validates it; one that does not parse is left to Apollo. */
export function refuseRepeatedFields(query: unknown): void {
  if (typeof query !== 'string') return;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: MAX_TOKENS });
  } catch {
    return;
  }
  const error = repeatedFieldsError(document);
  if (error) throw error;
}
