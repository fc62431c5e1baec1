import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString, isString, Max, MaxLength, Min, validate, ValidateNested } from 'class-validator';
import { type ElementRule, fieldErrors, InvalidInput } from './invalid-input.js';

const text: ElementRule = { accepts: isString, message: (field) => `${field} is not text` };

class Tagged {
  // The rule's own wording for the whole list is not where an element's message comes from.
  @IsString({ each: true, context: { element: text }, message: 'tags are wrong' })
  tags: unknown;

  @IsString({ message: 'title is wrong' })
  title: unknown = 'ok';
}

const errorsOf = async (values: Partial<Tagged>) => fieldErrors(await validate(Object.assign(new Tagged(), values)));

describe('fieldErrors', () => {
  it('names each refused element by its index, in the message its element rule makes for that element', async () => {
    expect(await errorsOf({ tags: ['a', 1, 'b', null] })).toEqual([
      { field: 'tags[1]', message: 'tags[1] is not text' },
      { field: 'tags[3]', message: 'tags[3] is not text' },
    ]);
  });

  it('keeps the rule and its message for a value that is not a list, and for rules without an element rule', async () => {
    expect(await errorsOf({ tags: 7, title: 3 })).toEqual([
      { field: 'tags', message: 'tags are wrong' },
      { field: 'title', message: 'title is wrong' },
    ]);
  });

  it('says a value (or an element) of the wrong type is so, alone; of the right type, every rule it breaks', async () => {
    class Counted {
      @IsInt()
      @Min(0)
      @Max(10)
      count: unknown = 1;

      @IsString({ each: true, context: { element: text } })
      @MaxLength(3, { each: true, context: { element: { accepts: (value: unknown) => typeof value !== 'string' || value.length <= 3, message: (field: string) => `${field} is long` } } })
      tags: unknown = [];
    }
    const errors = async (values: object) => fieldErrors(await validate(Object.assign(new Counted(), values)));
    expect(await errors({ count: 'abc', tags: [7, 'long', 'ok'] })).toEqual([
      { field: 'count', message: 'count must be an integer number' },
      { field: 'tags[0]', message: 'tags[0] is not text' },
      { field: 'tags[1]', message: 'tags[1] is long' },
    ]);
    expect(await errors({ count: 11.5 })).toEqual([{ field: 'count', message: 'count must be an integer number' }]);
    expect(await errors({ count: 11 })).toEqual([{ field: 'count', message: 'count must not be greater than 10' }]);
  });

  it('names a nested field by its path in its message too', async () => {
    class Source {
      @IsString()
      kind: unknown = 'media';
    }
    class Report {
      @ValidateNested()
      source = Object.assign(new Source(), { kind: 7 });
    }
    expect(fieldErrors(await validate(new Report()))).toEqual([{ field: 'source.kind', message: 'source.kind must be a string' }]);
  });

  it('joins every field and message into the error text', () => {
    expect(new InvalidInput([{ field: 'a', message: 'a is bad' }, { field: 'b[0]', message: 'b[0] is bad' }]).message).toBe('Invalid input: a: a is bad; b[0]: b[0] is bad');
  });
});
