import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CHANGE_KINDS, type ChangeKind } from '../../read-models/incident-summary/change-feed.queries.js';
import { enumOf } from './enums.graphql.js';
import { Cursor } from '../inputs/input-fields.js';

/** GraphQL shapes of `incidentChanges` (the change feed of docs/exports.md, over graphql-ws). */

export const ChangeKindEnum = enumOf(CHANGE_KINDS);
registerEnumType(ChangeKindEnum, { name: 'ChangeKind', description: 'How an incident last changed, in the change feed (`GET /changes`, `incidentChanges`): upper case of the REST value' });

@ObjectType('IncidentChange', { description: 'One item of the change feed (`GET /changes`): an incident whose read model changed, once, in position order' })
export class IncidentChangeType {
  @Field(() => ID) incidentId!: string;
  @Field({ description: 'Position of the last event applied to the incident (decimal string)' }) position!: string;
  @Field(() => ChangeKindEnum) change!: ChangeKind;
  @Field({ description: 'Pass as `after` to resume just after this item (several incidents can share a position)' }) cursor!: string;
}

@ArgsType()
export class IncidentChangesArgs {
  @Cursor('The `cursor` of the last change already seen, or a position (the changes after every one at it); without it, only changes committed after subscribing')
  after?: string | null;
}
