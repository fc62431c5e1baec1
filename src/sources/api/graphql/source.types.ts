import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { namesRules } from '../../../incidents/api/input-rules.js';
import { CommandOptionsArgs, withInput } from '../../../incidents/api/graphql/command.args.js';
import { ReadArgs } from '../../../incidents/api/graphql/query.args.js';
import { enumOf, SourceKindEnum } from '../../../incidents/api/graphql/enums.graphql.js';
import { EnumField, IdField, TextField } from '../../../incidents/api/graphql/input.decorators.js';
import { REGISTERED_SOURCE_KINDS, RELIABILITIES, SOURCE_SCALES, type RegisteredSourceKind, type Reliability, type SourceScale } from '../../domain/events.js';

/** GraphQL shapes of the source registry (SPEC §6.1); `kind` reuses the incidents' `SourceKind` enum. */

export const SourceScaleEnum = enumOf(SOURCE_SCALES);
/** Reliability grades are upper case already: A (completely reliable) … F (cannot be judged). */
export const ReliabilityEnum = enumOf(RELIABILITIES);
registerEnumType(SourceScaleEnum, { name: 'SourceScale', description: "A source's reach. Upper case of the REST value." });
registerEnumType(ReliabilityEnum, { name: 'Reliability', description: 'Admiralty-code source reliability: A completely reliable … F cannot be judged' });

const NamesField = (required: boolean) =>
  applyDecorators(Field(() => [String], { nullable: !required, description: 'Other names records may give the source by' }), ...namesRules(required));

@InputType()
export class RegisterSourceInputType {
  @TextField(200) name!: string;
  @NamesField(true) aliases!: string[];
  @EnumField(SourceKindEnum, REGISTERED_SOURCE_KINDS) kind!: RegisteredSourceKind;
  @EnumField(SourceScaleEnum, SOURCE_SCALES) scale!: SourceScale;
  @EnumField(ReliabilityEnum, RELIABILITIES) reliability!: Reliability;
}

@InputType({ description: 'The fields to change; aliases replaces the list' })
export class AmendSourceInputType {
  @TextField(200, false) name?: string;
  @NamesField(false) aliases?: string[];
  @EnumField(SourceKindEnum, REGISTERED_SOURCE_KINDS, false) kind?: RegisteredSourceKind;
  @EnumField(SourceScaleEnum, SOURCE_SCALES, false) scale?: SourceScale;
  @EnumField(ReliabilityEnum, RELIABILITIES, false) reliability?: Reliability;
}

@ArgsType()
export class SourceCommandArgs extends CommandOptionsArgs {
  @IdField() sourceId!: string;
}

@ArgsType() export class RegisterSourceArgs extends withInput(CommandOptionsArgs, RegisterSourceInputType) {}
@ArgsType() export class AmendSourceArgs extends withInput(SourceCommandArgs, AmendSourceInputType) {}

@ObjectType('SourceCommandResult', { description: 'What a registry mutation returns; pass position as consistentWith to read your write' })
export class SourceCommandResultType {
  @Field(() => ID) sourceId!: string;
  @Field(() => String, { description: "The source stream's revision after the write" }) revision!: string;
  @Field(() => String, { description: 'Event-store position of the write' }) position!: string;
}

@ObjectType('RegisteredSource', { description: 'A registered source (SPEC §6.1); records name it by name or alias' })
export class SourceType {
  @Field(() => ID) sourceId!: string;
  @Field(() => String) name!: string;
  @Field(() => [String]) aliases!: string[];
  @Field(() => SourceKindEnum) kind!: string;
  @Field(() => SourceScaleEnum) scale!: string;
  @Field(() => ReliabilityEnum) reliability!: string;
  @Field(() => String, { description: 'Stream revision the view includes (for expectedRevision)' }) revision!: string;
  @Field(() => String) position!: string;
}

@ArgsType()
export class SourceLookupArgs extends ReadArgs {
  @IdField() id!: string;
}
