import type { JsonObject } from '../../event-store/event-store.port.js';
import { DEFAULT_DATE_PRECISION, defaultGeoPrecision } from '../domain/precision.js';

/**
 * Event versioning. Stored events are never rewritten (their hashes cover the data as stored);
 * instead every read lifts an event from the schema version it was written at to the current one
 * through a chain of upcasters, one per (type, version) step. To change an event's shape: bump its
 * entry in `CURRENT_VERSIONS` and add the step from the previous version here.
 */
type Upcaster = (data: JsonObject) => JsonObject;

/** Current schema version per event type; a type not listed is at version 1. */
const CURRENT_VERSIONS: Readonly<Record<string, number>> = {
  CasualtiesReported: 2,
  IncidentOpened: 2,
  IncidentAmended: 2,
};

type StoredLocation = { lat?: number; lon?: number; geoPrecision?: string };

/** v1 locations had no `geoPrecision`: they get the default their coordinates imply (docs/time-and-place.md); data without a location stays so. */
const withGeoPrecision = (data: JsonObject): JsonObject => {
  const location = data.location as StoredLocation | undefined;
  if (typeof location !== 'object' || location === null || location.geoPrecision !== undefined) return data;
  return { ...data, location: { ...location, geoPrecision: defaultGeoPrecision(location) } } as JsonObject;
};

/** `UPCASTERS[type][v]` turns version `v` of `type` into version `v + 1`. */
const UPCASTERS: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  CasualtiesReported: {
    // v1 named its source only (`"source": "Coahuila state government"`); v2 carries docs/domain.md's
    // `{ name, kind, url?, publishedAt? }`. A v1 source's kind was never recorded, hence `other`.
    // Databases written before v2 existed hold v1-numbered events already in the object form: they pass as they are.
    1: (data) => (typeof data.source === 'string' ? { ...data, source: { name: data.source, kind: 'other' } } : data),
  },
  // v1 incidents had no `datePrecision` (their time was taken as exact) and no `location.geoPrecision`.
  IncidentOpened: {
    1: (data) => withGeoPrecision({ datePrecision: DEFAULT_DATE_PRECISION, ...data }),
  },
  // A v1 amendment that moved the incident moved it to a location of the default precision.
  IncidentAmended: {
    1: withGeoPrecision,
  },
};

export const currentSchemaVersion = (type: string): number => CURRENT_VERSIONS[type] ?? 1;

/** `data` of a `type` event written at `version`, as the current version of that type; a version newer than this build's is not read as its own. */
export function upcast(type: string, data: JsonObject, version: number): JsonObject {
  if (version > currentSchemaVersion(type)) throw new Error(`${type} schema version ${version} is newer than this build reads (${currentSchemaVersion(type)})`);
  const steps = UPCASTERS[type] ?? {};
  let upcasted = data;
  for (let from = version; from < currentSchemaVersion(type); from++) {
    const step = steps[from];
    if (step === undefined) throw new Error(`No upcaster for ${type} from schema version ${from}`);
    upcasted = step(upcasted);
  }
  return upcasted;
}
