import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ActorRole } from '../../../incidents/domain/events.js';
import type { ActorType } from '../../domain/actor-events.js';
import { ActorRoleEnum, ActorTypeEnum } from './actor-enums.graphql.js';

@ObjectType('ActorRef', { description: 'An actor as incidents and tallies name it: after a merge, the survivor' })
export class ActorRefType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ActorTypeEnum) actorType!: ActorType;
}

@ObjectType('IncidentActor')
export class IncidentActorType {
  @Field(() => ActorRefType) actor!: ActorRefType;
  @Field(() => ActorRoleEnum) role!: ActorRole;
}

@ObjectType('IncidentRef')
export class IncidentRefType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
}

@ObjectType('ActorIncident')
export class ActorIncidentType {
  @Field(() => IncidentRefType) incident!: IncidentRefType;
  @Field(() => ActorRoleEnum) role!: ActorRole;
}

@ObjectType('Actor', { description: 'An actor of the registry (a merged one answers as its survivor)' })
export class ActorType_ {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'Same as id (the field name REST and events use)' }) actorId!: string;
  @Field(() => String) name!: string;
  @Field(() => [String]) aliases!: string[];
  @Field(() => ActorTypeEnum) actorType!: ActorType;
  @Field(() => ID, { nullable: true, description: 'The actor this one is a faction or unit of' }) parentActorId!: string | null;
  @Field(() => [ID], { description: 'Actors merged into this one' }) mergedActorIds!: string[];
  @Field(() => String, { description: 'Stream revision the view includes (for expectedRevision)' }) revision!: string;
  @Field(() => [ActorIncidentType], { description: 'Its incidents (and those of actors merged into it), newest first, at most 500' }) incidents!: ActorIncidentType[];
}

@ObjectType('ActorPage')
export class ActorPageType {
  @Field(() => [ActorType_]) items!: ActorType_[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) nextCursor!: string | null;
}

@ObjectType('ActorCommandResult', { description: 'What every actor mutation returns' })
export class ActorCommandResultType {
  @Field(() => ID) actorId!: string;
  @Field(() => String, { description: "The actor stream's revision after the write" }) revision!: string;
  @Field(() => String, { description: 'Event-store position of the write' }) position!: string;
}
