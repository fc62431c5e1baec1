import { amended, GOVERNMENT_FIELDS, OTHER_SOURCE_ID, registered, SOURCE_ID } from '../../../test/support/source-fixtures.js';
import { directoryOf, emptyDirectory, resolveSource, withSourceEvent } from './source-directory.js';

const owners = (events: Parameters<typeof directoryOf>[0]) => Object.fromEntries(directoryOf(events).owners);

describe('resolveSource', () => {
  it('keys an unregistered name by sourceKey, with no registered name, reliability or scale', () => {
    expect(resolveSource(directoryOf([registered()]), ' El  SIGLO ')).toEqual({ key: 'el siglo', name: undefined, reliability: undefined, scale: undefined });
  });

  it('resolves a registered name or alias, however spelled, to the source’s name, reliability and scale', () => {
    const directory = directoryOf([registered({ reliability: 'B', scale: 'national' })]);
    const government = { key: 'coahuila state government', name: GOVERNMENT_FIELDS.name, reliability: 'B', scale: 'national' };
    expect(resolveSource(directory, 'gobierno DE coahuila')).toEqual(government);
    expect(resolveSource(directory, 'COAHUILA STATE GOVERNMENT')).toEqual(government);
  });
});

describe('withSourceEvent', () => {
  it('gives each name and alias of a registered source to it, keyed by sourceKey', () => {
    expect(owners([registered()])).toEqual({ 'coahuila state government': SOURCE_ID, 'gobierno de coahuila': SOURCE_ID });
  });

  it('leaves the directory it was given as it was', () => {
    const before = directoryOf([registered()]);
    const after = withSourceEvent(before, amended({ name: 'Gobierno estatal', reliability: 'C' }));
    expect(Object.fromEntries(before.owners)).toEqual(owners([registered()]));
    expect(before.sources.get(SOURCE_ID)).toEqual(GOVERNMENT_FIELDS);
    expect(after.sources.get(SOURCE_ID)).toEqual({ ...GOVERNMENT_FIELDS, name: 'Gobierno estatal', reliability: 'C' });
  });

  it('ignores an amendment of a source never registered', () => {
    const directory = directoryOf([registered()]);
    expect(withSourceEvent(directory, amended({ aliases: ['Other'] }, OTHER_SOURCE_ID))).toBe(directory);
  });

  it('frees the names an amendment drops and keeps the fields it does not carry', () => {
    const directory = directoryOf([registered(), amended({ name: 'Gobierno estatal', aliases: [] })]);
    expect(Object.fromEntries(directory.owners)).toEqual({ 'gobierno estatal': SOURCE_ID });
    expect(directory.sources.get(SOURCE_ID)).toEqual({ ...GOVERNMENT_FIELDS, name: 'Gobierno estatal', aliases: [] });
  });

  it('keeps a name with the source that held it first, even when a hand-made stream gives it to another and drops it again', () => {
    const other = registered({ name: 'Radio Fórmula', aliases: ['Coahuila state government'] }, OTHER_SOURCE_ID);
    expect(owners([registered(), other])).toEqual({
      'coahuila state government': SOURCE_ID,
      'gobierno de coahuila': SOURCE_ID,
      'radio fórmula': OTHER_SOURCE_ID,
    });
    expect(owners([registered(), other, amended({ aliases: [] }, OTHER_SOURCE_ID)])).toEqual(owners([registered(), other]));
  });

  it('starts from the empty directory', () => {
    expect(directoryOf([])).toBe(emptyDirectory);
    expect(directoryOf([amended({ aliases: [] })], directoryOf([registered()])).sources.get(SOURCE_ID)).toEqual({ ...GOVERNMENT_FIELDS, aliases: [] });
  });
});
