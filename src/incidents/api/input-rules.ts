import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO31661Alpha2, IsNumber, IsObject, IsOptional, IsString, isString, IsUUID, Max, MaxLength, Min, ValidateBy, type ValidationArguments, type ValidationOptions, ValidateNested } from 'class-validator';
import { isPosition, isStorableText, isTime, normalizedUuid, positionMessage, textMessage, timeMessage } from '../../common/input-values.js';
import type { ElementRule } from '../../common/invalid-input.js';
import { MAX_ALIAS_LENGTH, MAX_ALIASES } from '../../actors/domain/actor-events.js';
import { MAX_COUNT } from '../domain/events.js';
import { countMessage } from '../domain/guards.js';
import { type IncidentFilter, INVERTED_WINDOW, invertedWindow } from '../domain/incident-filter.js';
import { characterCount, hasVisibleText } from '../../sources/domain/source-key.js';
import { isPageSize, pageSizeMessage } from '../../common/page.js';

/**
 * The validation rules of inputs, shared by REST DTOs and GraphQL inputs and arguments so that both
 * transports reject exactly the same values; each transport adds its own schema decorators. Each
 * rule defers to the one parser of its kind of value (`common/input-values.ts`).
 */
type Rules = PropertyDecorator[];

const optional = (required: boolean): Rules => (required ? [] : [IsOptional()]);

/**
 * A rule checked on each element of an array. `element` is the rule for one element: the error is
 * then named by the index of each element it refuses (`aliases[1]`, `fieldErrors`), not the array.
 */
const each = (element: ElementRule): ValidationOptions => ({ each: true, context: { element } });
const one = (element: ElementRule, list: boolean): ValidationOptions => (list ? each(element) : {});

/** Text without NUL or unpaired surrogates. */
const StorableText = (list = false) =>
  ValidateBy({ name: 'storableText', validator: { validate: isStorableText, defaultMessage: (args) => textMessage(args!.property) } }, one({ accepts: isStorableText, message: textMessage }, list));

const visibleTextMessage = (field: string): string => `${field} must not be empty, blank or invisible`;

/**
 * Text that shows something (`hasVisibleText`, the domain's `requireText`): empty, blank and
 * invisible-only text is refused here, `INPUT.INVALID` like every other bad value of a body.
 */
const VisibleText = (list = false) =>
  ValidateBy({ name: 'visibleText', validator: { validate: hasVisibleText, defaultMessage: (args) => visibleTextMessage(args!.property) } }, one({ accepts: hasVisibleText, message: visibleTextMessage }, list));

const lengthMessage = (longest: number) => (field: string): string => `${field} must be at most ${longest} characters`;
const withinLength = (longest: number) => (value: unknown): boolean => typeof value !== 'string' || characterCount(value) <= longest;

/**
 * At most `longest` characters, counted as every layer counts them (`characterCount`: code points;
 * class-validator's `MaxLength` leaves variation selectors out, so "❤️" would count one).
 */
const WithinLength = (longest: number, list = false) =>
  ValidateBy(
    { name: 'withinLength', validator: { validate: withinLength(longest), defaultMessage: (args) => lengthMessage(longest)(args!.property) } },
    one({ accepts: withinLength(longest), message: lengthMessage(longest) }, list),
  );

/** A non-blank string of at most `longest` characters that PostgreSQL and the request hash can hold. */
export const textRules = (longest: number, required = true): Rules => [...optional(required), IsString(), VisibleText(), WithinLength(longest), StorableText()];

/** An integer count; strings, fractions and out-of-range numbers are rejected, never coerced; a count out of range in the domain's words (`countMessage`). */
export const countRules = (minimum: 0 | 1): Rules => {
  const message = ({ property }: ValidationArguments) => countMessage(property, minimum);
  return [IsInt(), Min(minimum, { message }), Max(MAX_COUNT, { message })];
};

/**
 * A latitude (±90) or longitude (±180) in decimal degrees: a JSON number, never a numeric string,
 * and given with the other one (docs/time-and-place.md: both or neither).
 */
export const coordinateRules = (axis: 'lat' | 'lon'): Rules => {
  const [limit, other] = axis === 'lat' ? [90, 'lon'] : [180, 'lat'];
  const paired = ValidateBy({
    name: 'coordinatePair',
    validator: { validate: (_, args) => (args!.object as Record<string, unknown>)[other] != null, defaultMessage: () => `${axis} needs ${other}: give both coordinates or neither` },
  });
  return [IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), Min(-limit), Max(limit), paired];
};

/** An ISO-8601 date or date-time with an offset every layer can hold (`isTime`), kept as given. */
export const timeRules = (required = true): Rules => [
  ...optional(required),
  ValidateBy({ name: 'time', validator: { validate: isTime, defaultMessage: (args) => timeMessage(args!.property) } }),
];

/** The end of a world-time window (`occurredTo`): a time, not before the window's start (`invertedWindow`). */
export const windowEndRules = (required = true): Rules => [
  ...timeRules(required),
  ValidateBy({
    name: 'windowEnd',
    validator: {
      validate: (value, args) => {
        const from = (args!.object as IncidentFilter).occurredFrom;
        return !(isTime(value) && isTime(from) && invertedWindow(from, value));
      },
      defaultMessage: () => INVERTED_WINDOW,
    },
  }),
];

/** A decimal event-store position (`consistentWith`, `expectedRevision`) that fits the store's `bigint`. */
export const positionRules = (): Rules => [
  IsOptional(),
  ValidateBy({ name: 'position', validator: { validate: isPosition, defaultMessage: (args) => positionMessage(args!.property) } }),
];

/**
 * A time argument of a read (`asOf`, a tally's window, a diff's cuts): its format, length included, is
 * checked where it is parsed (`audit/as-of.ts`), so any value it refuses gets the words of its kind.
 */
export const timeArgumentRules = (required = false): Rules => [...optional(required), IsString()];

/** An ISO 3166-1 alpha-2 country code. */
export const countryRules = (required = true): Rules => [...optional(required), IsISO31661Alpha2()];

/** A page cursor (`after`): the `nextCursor` a page answered, opaque; its content is checked where it is decoded (`read-models/page.ts`). */
export const cursorRules = (): Rules => [IsOptional(), IsString(), MaxLength(500)];

/** An optional page size (`first`), by the one paging rule (`isPageSize`), named with its range on every transport. */
export const pageSizeRules = (max: number): Rules => [
  IsOptional(),
  ValidateBy({ name: 'pageSize', validator: { validate: (value) => isPageSize(value, max), defaultMessage: (args) => pageSizeMessage(args!.property, max) } }),
];

export const oneOfRules = (values: readonly string[], required = true): Rules => [...optional(required), IsIn(values)];

/** A UUID in any case, lower-cased so that one incident or record has one id. */
export const uuidRules = (required = false): Rules => [...optional(required), Transform(({ value }) => normalizedUuid(value)), IsUUID('all')];

/** A nested object validated as `type` (arrays and scalars are rejected). */
export const nestedRules = (type: () => new () => object, required = true): Rules => [...optional(required), IsObject(), ValidateNested(), Type(type)];

/** A list of at most `maxItems` strings of at most `longest` characters each; `names` (not tags) must each show something. */
const textListRules = (maxItems: number, longest: number, { required = false, names = false } = {}): Rules => [
  ...optional(required),
  IsArray(),
  ArrayMaxSize(maxItems),
  IsString(each({ accepts: isString, message: (field) => `${field} must be a string` })),
  ...(names ? [VisibleText(true)] : []),
  WithinLength(longest, true),
  StorableText(true),
];

/** Up to 50 tags of at most 100 characters each. */
export const tagsRules = (): Rules => textListRules(50, 100);

/** An actor's aliases at registration, within the registry's own limits (`MAX_ALIASES` × `MAX_ALIAS_LENGTH`, docs/actors.md). */
export const aliasesRules = (): Rules => textListRules(MAX_ALIASES, MAX_ALIAS_LENGTH, { names: true });

/** Up to 50 names (a source's aliases) of at most 200 characters each. */
export const namesRules = (required = true): Rules => textListRules(50, 200, { required, names: true });
