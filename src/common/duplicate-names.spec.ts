import fc from 'fast-check';
import { duplicateNames } from './duplicate-names.js';
import { MAX_INPUT_DEPTH } from './prototype-keys.js';

const fields = (json: string) => duplicateNames(json).map(({ field }) => field);

describe('duplicateNames', () => {
  it('names each repeated member by its path, at any depth and inside lists', () => {
    expect(fields('{"count":1,"count":2}')).toEqual(['count']);
    expect(fields('{"location":{"place":"a","country":"MX","place":"b"}}')).toEqual(['location.place']);
    expect(fields('{"aliases":[{"name":"a"},{"name":"b","name":"c"}]}')).toEqual(['aliases[1].name']);
    expect(fields('[[1,2],[{"x":1}],[3,{"y":[{"z":1,"z":2}]}]]')).toEqual(['[2][1].y[0].z']);
    expect(fields('{"a":1,"a":2,"a":3}')).toEqual(['a', 'a']);
  });

  it('names paths from where the text sits in the input, when told', () => {
    expect(duplicateNames('{"id":1,"input":{"n":1,"n":2},"id":2}', 'variables').map(({ field }) => field)).toEqual(['variables.input.n', 'variables.id']);
    expect(duplicateNames('[{"a":1,"a":2}]', 'variables').map(({ field }) => field)).toEqual(['variables[0].a']);
  });

  it('compares names as decoded: an escaped spelling is the same name', () => {
    expect(fields('{"a":1,"\\u0061":2}')).toEqual(['a']);
    expect(fields('{"a\\"b":1,"a\\u0022b":2}')).toEqual(['a"b']);
  });

  it('finds none where the same name is in two objects, or where strings hold quotes, braces and commas', () => {
    expect(fields('{"a":{"b":1},"c":{"b":2},"d":[{"b":3},{"b":4}]}')).toEqual([]);
    expect(fields('{"text":"{\\"a\\":1,\\"a\\":2}","note":"[a, b], {c}","a":"\\\\"}')).toEqual([]);
    expect(fields('{"a":[],"b":{},"c":[{}],"d":"x"}')).toEqual([]);
  });

  it('reads any depth without running out of stack, naming names down to the depth inputs may nest', () => {
    const deep = 1_000_000;
    expect(fields(`${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`)).toEqual([]);
    expect(fields(`${'['.repeat(deep)}{"a":1,"a":2}${']'.repeat(deep)}`)).toEqual([]);
    expect(fields(`${'['.repeat(MAX_INPUT_DEPTH - 1)}{"a":1,"a":2}${']'.repeat(MAX_INPUT_DEPTH - 1)}`)).toEqual([`${'[0]'.repeat(MAX_INPUT_DEPTH - 1)}.a`]);
    expect(fields(`${'['.repeat(MAX_INPUT_DEPTH)}{"a":1,"a":2}${']'.repeat(MAX_INPUT_DEPTH)}`)).toEqual([]);
  });

  it('finds none in any JSON that JSON.stringify writes, and the one a repeated member adds', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), fc.jsonValue(), (object, name, value) => {
        const text = JSON.stringify(object);
        expect(duplicateNames(text)).toEqual([]);
        const repeated = `${text.slice(0, -1)}${text === '{}' ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(value)},${JSON.stringify(name)}:${JSON.stringify(value)}}`;
        expect(fields(repeated)).toEqual([...(Object.hasOwn(object, name) ? [name] : []), name]);
      }),
    );
  });
});
