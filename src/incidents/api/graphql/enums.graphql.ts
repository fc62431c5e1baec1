import { registerEnumType } from '@nestjs/graphql';
import {
  BASES,
  CATEGORIES,
  DATE_PRECISIONS,
  GEO_PRECISIONS,
  INCIDENT_STATUSES,
  LINK_RELATIONS,
  OUTCOMES,
  PARTIES,
  RELEASE_HOWS,
  SOURCE_KINDS,
} from '../../domain/events.js';
import { GROUP_BY, type GroupBy } from '../../domain/tally-groups.js';
import { BEST_POLICIES, type BestPolicy } from '../../domain/best-policy.js';

/**
 * GraphQL enums are the domain's values in UPPER case (`ARMED_GROUP` ⇄ `armed_group`): GraphQL
 * convention, and GraphQL itself maps each name to the domain's lower-case value on the way in and
 * back on the way out, so resolvers only ever see domain values.
 */
const UPPER_CASE_NOTE = "Upper case of the domain's lower-case value (ARMED_GROUP is armed_group in REST and in events).";

export const enumOf = <Value extends string>(values: readonly Value[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<Uppercase<Value>, Value>;

export const CategoryEnum = enumOf(CATEGORIES);
export const PartyEnum = enumOf(PARTIES);
export const OutcomeEnum = enumOf(OUTCOMES);
export const BasisEnum = enumOf(BASES);
export const SourceKindEnum = enumOf(SOURCE_KINDS);
export const DatePrecisionEnum = enumOf(DATE_PRECISIONS);
export const GeoPrecisionEnum = enumOf(GEO_PRECISIONS);
export const ReleaseHowEnum = enumOf(RELEASE_HOWS);
export const IncidentStatusEnum = enumOf(INCIDENT_STATUSES);
export const LinkRelationEnum = enumOf(LINK_RELATIONS);

/** `tallies(groupBy:)` dimensions (docs/api.md), named as the read model names them. */
export const TallyDimension = Object.fromEntries(GROUP_BY.map((dimension) => [dimension, dimension])) as Record<GroupBy, GroupBy>;

/** Best-figure policies (docs/sources.md), named as the domain names them. */
export const BestPolicyEnum = Object.fromEntries(BEST_POLICIES.map((policy) => [policy, policy])) as Record<BestPolicy, BestPolicy>;
registerEnumType(BestPolicyEnum, { name: 'BestPolicy', description: 'Which source figure is best: LATEST (default), MOST_RELIABLE, CONSERVATIVE (= low) or MEDIAN (lower median)' });

registerEnumType(CategoryEnum, { name: 'Category', description: `Incident category. ${UPPER_CASE_NOTE}` });
registerEnumType(PartyEnum, { name: 'Party', description: `Party a casualty or hostage belongs to. ${UPPER_CASE_NOTE}` });
registerEnumType(OutcomeEnum, { name: 'Outcome', description: `Casualty outcome. ${UPPER_CASE_NOTE}` });
registerEnumType(BasisEnum, {
  name: 'Basis',
  description: `INCREMENTAL: N more; CUMULATIVE: N in total so far, per this source. ${UPPER_CASE_NOTE}`,
});
registerEnumType(SourceKindEnum, { name: 'SourceKind', description: `Kind of source. ${UPPER_CASE_NOTE}` });
registerEnumType(DatePrecisionEnum, { name: 'DatePrecision', description: `Precision of an incident's or record's occurredAt. ${UPPER_CASE_NOTE}` });
registerEnumType(GeoPrecisionEnum, { name: 'GeoPrecision', description: `Precision of a location: POINT and NEAR need coordinates. ${UPPER_CASE_NOTE}` });
registerEnumType(ReleaseHowEnum, { name: 'ReleaseHow', description: `How hostages came free. ${UPPER_CASE_NOTE}` });
registerEnumType(IncidentStatusEnum, { name: 'IncidentStatus', description: `Incident status. ${UPPER_CASE_NOTE}` });
registerEnumType(LinkRelationEnum, { name: 'LinkRelation', description: `How two linked incidents relate. ${UPPER_CASE_NOTE}` });
registerEnumType(TallyDimension, {
  name: 'TallyDimension',
  description: 'What `tallies` groups by; the matching `TallyGroupKey` fields are set. PARTY narrows casualty and hostage figures to that party.',
});
