import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { JsonObject } from '../../../event-store/event-store.port.js';
import { JsonScalar } from './json.scalar.js';

@ObjectType('HistoryItem', { description: 'One stored event of the incident with its envelope metadata (who / when / which command, hash)' })
export class HistoryItemType {
  @Field(() => ID) eventId!: string;
  @Field(() => String) type!: string;
  @Field(() => JsonScalar) data!: JsonObject;
  @Field(() => JsonScalar) metadata!: JsonObject;
  @Field(() => String) revision!: string;
  @Field(() => String) position!: string;
  @Field(() => String) recordedAt!: string;
}

@ObjectType('HistoryPage')
export class HistoryPageType {
  @Field(() => [HistoryItemType]) items!: HistoryItemType[];
  @Field(() => String, { nullable: true }) nextCursor!: string | null;
}
