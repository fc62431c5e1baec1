import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { fieldErrors, givenTwice, InvalidInput } from './invalid-input.js';

/**
 * The global pipe of REST inputs: class-validator, unknown members refused, messages by field
 * (`fieldErrors`). A query parameter given more than once where the route takes one value (not a
 * list, such as `groupBy`) is refused as such (`givenTwice`, as the CLI refuses a repeated option),
 * not as a value of the wrong type.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: (errors) => new InvalidInput(fieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && metadata.metatype && typeof value === 'object' && value !== null) {
      const single = singleValued(metadata.metatype);
      const repeated = Object.entries(value).filter(([name, given]) => Array.isArray(given) && single.has(name));
      if (repeated.length > 0) throw new InvalidInput(repeated.map(([name]) => givenTwice(name)));
    }
    return super.transform(value, metadata);
  }
}

type Metatype = NonNullable<ArgumentMetadata['metatype']>;

/** Per query DTO, read from its rules once (they are fixed when its class is declared), not per request. */
const SINGLE_VALUED = new WeakMap<Metatype, ReadonlySet<string>>();

/** A query DTO's parameters that take one value: those with rules, none of them for a list (`IsArray`, `each`). */
function singleValued(type: Metatype): ReadonlySet<string> {
  let single = SINGLE_VALUED.get(type);
  if (single === undefined) {
    const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
    const lists = new Set(rules.filter((rule) => rule.each || rule.name === 'isArray').map((rule) => rule.propertyName));
    single = new Set(rules.map((rule) => rule.propertyName).filter((name) => !lists.has(name)));
    SINGLE_VALUED.set(type, single);
  }
  return single;
}
