import { InputType } from '@nestjs/graphql';
import { ActorTypeEnum } from '../../../actors/api/graphql/actor-enums.graphql.js';
import type { ActorType } from '../../../actors/domain/actor-events.js';
import type { Category, IncidentStatus } from '../../domain/events.js';
import type { IncidentFilter } from '../../domain/incident-filter.js';
import { CategoryEnum, IncidentStatusEnum } from '../graphql/enums.graphql.js';
import { Country, OneOf, Text, Time, Uuid } from './input-fields.js';

/**
 * docs/api.md's incident filters: the GraphQL `IncidentFilter` input (`incidents`, `tallies`) and the
 * query-string fields of `GET /incidents`, `GET /tallies` and the exports, which REST takes flat
 * beside its paging and time arguments (`../rest/incident-queries.dto.ts`).
 */
@InputType('IncidentFilter', {
  description: "List filters; occurredFrom/occurredTo are inclusive bounds on the incident's world time: a bare date covers its whole local day (the date in the offset occurredAt was given with), a date-time is an instant",
})
export class IncidentFilterInput implements IncidentFilter {
  @Country({ required: false })
  country?: string;

  @Text(200, { required: false, example: 'Coahuila' })
  admin1?: string;

  @OneOf(IncidentStatusEnum, { required: false, example: 'open' })
  status?: IncidentStatus;

  @OneOf(CategoryEnum, { required: false, example: 'battle' })
  category?: Category;

  @Time({ required: false, example: '2019-11-01T00:00:00Z' })
  occurredFrom?: string;

  @Time({ required: false, example: '2019-12-31T23:59:59Z', windowEnd: true })
  occurredTo?: string;

  @Uuid({ description: 'Incidents that involve this actor (or one merged into the same one): attached in any role, or the perpetrator of one of their figures' })
  actorId?: string;

  @OneOf(ActorTypeEnum, { required: false, example: 'political_militia' })
  actorType?: ActorType;
}
