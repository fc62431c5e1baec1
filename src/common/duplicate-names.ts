import { type FieldError, givenTwice } from './invalid-input.js';
import { MAX_INPUT_DEPTH } from './prototype-keys.js';

/** An object open at a point of the text (its names so far, and the last), or a list (its items before the current one). */
type Open = { names: Set<string>; name?: string } | { items: number };

/**
 * The members of the JSON text `json` whose name their object holds already (`{"count": 1,
 * "count": 2}`), each named by its path (`location.place`, `aliases[1].name`); names are compared
 * decoded (`"a"` and `"\u0061"` are one name). I-JSON (RFC 7493, section 2.3) forbids them, and
 * parsers disagree on which copy counts (`JSON.parse` keeps the last, others the first): input that
 * holds one is refused, so that what a client or a file says is what is stored. `json` must be
 * valid JSON (parsed before, or see `parseClientJson`). `within` names where it sits in the
 * input (`variables` for a GraphQL GET's parameter): paths start there. One pass, without
 * recursion: any depth is read, and names are compared down to `MAX_INPUT_DEPTH` levels.
 */
export function duplicateNames(json: string, within?: string): FieldError[] {
  const errors: FieldError[] = [];
  const open: Open[] = within === undefined ? [] : [{ names: new Set(), name: within }];
  let nameNext = false;
  const depthLimit = MAX_INPUT_DEPTH + open.length;
  for (let at = 0; at < json.length; at++) {
    const char = json[at];
    if (char === '"') {
      let end = at + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      const object = open.at(-1);
      // Deeper than any input may nest, a document is refused for its depth (`prototypeKeys`): its names are not named again.
      if (nameNext && object && 'names' in object && open.length <= depthLimit) {
        const name = JSON.parse(json.slice(at, end + 1)) as string;
        if (object.names.has(name)) errors.push(givenTwice(pathOf(open, name)));
        object.names.add(name);
        object.name = name;
      }
      nameNext = false;
      at = end;
    } else if (char === '{' || char === '[') {
      open.push(char === '{' ? { names: new Set() } : { items: 0 });
      nameNext = char === '{';
    } else if (char === '}' || char === ']') {
      open.pop();
      nameNext = false;
    } else if (char === ',') {
      const container = open.at(-1)!;
      if ('items' in container) container.items++;
      nameNext = 'names' in container;
    }
  }
  return errors;
}

/** The path of member `name` of the innermost open object, as input errors name fields: `location.place`, `aliases[1].name`. */
function pathOf(open: readonly Open[], name: string): string {
  let path = '';
  for (const container of open.slice(0, -1)) path = 'items' in container ? `${path}[${container.items}]` : path ? `${path}.${container.name}` : container.name!;
  return path ? `${path}.${name}` : name;
}
