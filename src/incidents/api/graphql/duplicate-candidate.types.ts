import { Field, Float, ObjectType, registerEnumType } from '@nestjs/graphql';
import { REASON_WEIGHTS, type DuplicateReasonCode } from '../../domain/duplicates.js';
import { enumOf } from './enums.graphql.js';
import { IncidentType } from './incident.types.js';

const DuplicateReasonCodeEnum = enumOf(Object.keys(REASON_WEIGHTS) as DuplicateReasonCode[]);
registerEnumType(DuplicateReasonCodeEnum, { name: 'DuplicateReasonCode', description: "Why two incidents may be one. Upper case of the domain's lower-case value." });

@ObjectType('DuplicateReason')
export class DuplicateReasonType {
  @Field(() => DuplicateReasonCodeEnum) reason!: DuplicateReasonCode;
  @Field(() => Float, { description: 'What this reason adds to the score' }) weight!: number;
  @Field(() => String, { description: 'The evidence, in words' }) detail!: string;
}

@ObjectType('DuplicateCandidate')
export class DuplicateCandidateType {
  @Field(() => IncidentType) incident!: IncidentType;
  @Field(() => Float, { description: '0–1, the sum of the reasons’ weights' }) score!: number;
  @Field(() => [DuplicateReasonType], { description: 'Strongest first' }) reasons!: DuplicateReasonType[];
}

@ObjectType('DuplicateCandidatePage')
export class DuplicateCandidatePageType {
  @Field(() => [DuplicateCandidateType], { description: 'Best score first' }) items!: DuplicateCandidateType[];
}
