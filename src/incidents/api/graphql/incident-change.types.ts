import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PositionField } from './input.decorators.js';

/** GraphQL shapes of `incidentChanges` (the SPEC §6.3 change feed over graphql-ws). */

export enum ChangeKindEnum {
  CHANGED = 'changed',
  MERGED = 'merged',
  CLOSED = 'closed',
}
registerEnumType(ChangeKindEnum, { name: 'ChangeKind', description: 'How an incident last changed (SPEC §6.3 change feed), upper case of the REST value' });

@ObjectType('IncidentChange', { description: 'One item of the SPEC §6.3 change feed (`GET /changes`)' })
export class IncidentChangeType {
  @Field(() => ID) incidentId!: string;
  @Field({ description: 'Position of the last event applied to the incident (decimal string)' }) position!: string;
  @Field(() => ChangeKindEnum) change!: ChangeKindEnum;
}

@ArgsType()
export class IncidentChangesArgs {
  @PositionField('Position of the last change already seen; without it, only changes committed after subscribing')
  after?: string | null;
}
