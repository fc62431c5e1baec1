import { registerEnumType } from '@nestjs/graphql';
import { enumOf } from '../../../incidents/api/graphql/enums.graphql.js';
import { ACTOR_ROLES } from '../../../incidents/domain/events.js';
import { ACTOR_TYPES } from '../../domain/actor-events.js';

export const ActorTypeEnum = enumOf(ACTOR_TYPES);
export const ActorRoleEnum = enumOf(ACTOR_ROLES);

registerEnumType(ActorTypeEnum, { name: 'ActorType', description: "ACLED's actor types (interaction codes 1–8), upper case of the REST value" });
registerEnumType(ActorRoleEnum, { name: 'ActorRole', description: 'What an actor was in an incident, upper case of the REST value' });
