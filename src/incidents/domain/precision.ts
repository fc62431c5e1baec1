import type { DatePrecision, GeoPrecision, Location } from './events.js';

/** A time given without a precision is taken as exact (docs/time-and-place.md). */
export const DEFAULT_DATE_PRECISION: DatePrecision = 'exact';

/** A location given without a precision (docs/time-and-place.md): the point its coordinates name, else its admin1 area. */
export const defaultGeoPrecision = ({ lat, lon }: Pick<Location, 'lat' | 'lon'>): GeoPrecision =>
  lat === undefined || lat === null || lon === undefined || lon === null ? 'admin1' : 'point';
