import type { SourceAmended, SourceFields, SourceRegistered } from '../../src/sources/domain/events.js';

/** Fixed ids and registry entries for tests of the source registry (docs/sources.md). */
export const SOURCE_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const OTHER_SOURCE_ID = '16fd2706-8baf-433b-82eb-8c7fada847da';

export const GOVERNMENT_FIELDS: SourceFields = {
  name: 'Coahuila state government',
  aliases: ['Gobierno de Coahuila'],
  kind: 'government',
  scale: 'regional',
  reliability: 'A',
};

export const registered = (fields: Partial<SourceFields> = {}, sourceId = SOURCE_ID): SourceRegistered => ({
  type: 'SourceRegistered',
  data: { sourceId, ...GOVERNMENT_FIELDS, ...fields },
});

export const amended = (fields: Partial<SourceFields>, sourceId = SOURCE_ID): SourceAmended => ({ type: 'SourceAmended', data: { sourceId, ...fields } });
