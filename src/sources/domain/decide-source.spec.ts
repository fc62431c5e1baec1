import { deciderSpec } from '../../../test/support/decider-spec.js';
import { amended, GOVERNMENT_FIELDS, OTHER_SOURCE_ID, registered, SOURCE_ID } from '../../../test/support/source-fixtures.js';
import type { SourceCommand } from './commands.js';
import { decideSource } from './decide-source.js';
import type { SourceEvent, SourceFields } from './events.js';
import { evolveSource, initialSourceState } from './source.js';
import { directoryOf } from './source-directory.js';

const { given } = deciderSpec({ decide: decideSource, evolve: evolveSource, initialState: initialSourceState });

/** The registry the command is decided against: the other sources' events, and this one's. */
const register = (fields: Partial<SourceFields> = {}, registry: readonly SourceEvent[] = []): SourceCommand => ({
  type: 'RegisterSource',
  data: { sourceId: SOURCE_ID, ...GOVERNMENT_FIELDS, ...fields },
  metadata: { directory: directoryOf(registry) },
});
const amend = (fields: Partial<SourceFields>, registry: readonly SourceEvent[] = []): SourceCommand => ({
  type: 'AmendSource',
  data: { sourceId: SOURCE_ID, ...fields },
  metadata: { directory: directoryOf(registry) },
});

const press = registered({ name: 'Radio Fórmula', aliases: ['Fórmula'], kind: 'media', scale: 'national', reliability: 'C' }, OTHER_SOURCE_ID);

describe('decideSource', () => {
  describe('a source not yet registered', () => {
    it('registers it with its name, aliases, kind, scale and reliability', () => {
      given([]).when(register()).then([registered()]);
    });

    it('refuses a name another source holds, compared as sourceKey does, naming the field (409)', () => {
      given([]).when(register({ name: ' radio  FÓRMULA ' }, [press])).thenThrows('SOURCE.NAME_TAKEN', {
        field: 'name',
        kind: 'conflict',
        message: `name " radio  FÓRMULA " already names source ${OTHER_SOURCE_ID}`,
      });
    });

    it('refuses an alias another source holds as its name or alias, naming the alias', () => {
      given([]).when(register({ aliases: ['Gobierno', 'fórmula'] }, [press])).thenThrows('SOURCE.NAME_TAKEN', { field: 'aliases[1]' });
    });

    it('refuses an alias that repeats the name or an earlier alias as sourceKey compares them, naming it', () => {
      given([]).when(register({ name: 'Zed', aliases: ['zed'] })).thenThrows('VALUE.INVALID', { field: 'aliases[0]', message: 'aliases[0] "zed" is name again, as sourceKey compares names' });
      given([]).when(register({ aliases: ['Gov  B', 'GOV B'] })).thenThrows('VALUE.INVALID', { field: 'aliases[1]' });
    });

    it('refuses an amendment', () => {
      given([]).when(amend({ reliability: 'B' })).thenThrows('SOURCE.NOT_FOUND', { field: 'sourceId', kind: 'not_found', message: `No source ${SOURCE_ID}` });
    });

    it.each([
      ['name', { name: ' ' }],
      ['aliases[0]', { aliases: [''] }],
      ['kind', { kind: 'blog' }],
      ['scale', { scale: 'global' }],
      ['reliability', { reliability: 'G' }],
    ])('refuses an invalid %s', (field, fields) => {
      given([]).when(register(fields as Partial<SourceFields>)).thenThrows('VALUE.INVALID', { field });
    });
  });

  describe('a registered source', () => {
    it('refuses registering it again', () => {
      given([registered()]).when(register()).thenThrows('SOURCE.ALREADY_EXISTS', { field: 'sourceId', message: `Source ${SOURCE_ID} is already registered` });
    });

    it('amends the fields that change, only those', () => {
      given([registered()])
        .when(amend({ reliability: 'B', scale: 'regional', aliases: ['Gobierno de Coahuila', 'Gobierno estatal'] }))
        .then([amended({ reliability: 'B', aliases: ['Gobierno de Coahuila', 'Gobierno estatal'] })]);
    });

    it('decides nothing when nothing changes', () => {
      given([registered()]).when(amend({ name: GOVERNMENT_FIELDS.name, kind: 'government' })).then([]);
    });

    it('folds earlier amendments into the state it compares with', () => {
      given([registered(), amended({ reliability: 'D' })]).when(amend({ reliability: 'D' })).then([]);
    });

    it('keeps its own names: re-spelling its own alias is no conflict', () => {
      const own = registered();
      given([own]).when(amend({ aliases: ['GOBIERNO DE COAHUILA'] }, [own])).then([amended({ aliases: ['GOBIERNO DE COAHUILA'] })]);
    });

    it('refuses an alias another source holds', () => {
      given([registered()]).when(amend({ aliases: ['Radio Formula', 'Fórmula'] }, [registered(), press])).thenThrows('SOURCE.NAME_TAKEN', { field: 'aliases[1]' });
    });

    it('compares with the fields earlier amendments left as they were', () => {
      given([registered(), amended({ reliability: 'D' })]).when(amend({ name: GOVERNMENT_FIELDS.name, scale: 'regional' })).then([]);
    });

    it('takes a field given as undefined as absent', () => {
      given([registered()]).when(amend({ name: undefined, reliability: 'A' })).then([]);
    });

    it('refuses an invalid amended value', () => {
      given([registered()]).when(amend({ reliability: 'Z' as never })).thenThrows('VALUE.INVALID', { field: 'reliability' });
    });
  });

  it('refuses a command it does not know', () => {
    given([]).when({ ...register(), type: 'RetireSource' } as never).thenThrows('VALUE.INVALID', { message: 'Unknown command RetireSource' });
  });
});

describe('evolveSource', () => {
  it('ignores an amendment of a source never registered', () => {
    expect(evolveSource(initialSourceState, amended({ reliability: 'B' }))).toBe(initialSourceState);
  });
});
