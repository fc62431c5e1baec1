import { ArgsType } from '@nestjs/graphql';
import { CommandOptionsArgs, withInput } from '../../../incidents/api/graphql/command.args.js';
import { ReadArgs } from '../../../incidents/api/graphql/query.args.js';
import { IdField } from '../../../incidents/api/graphql/input.decorators.js';
import { AmendSourceDto, RegisterSourceDto } from '../inputs/source.inputs.js';

/** GraphQL arguments of the source registry (docs/sources.md); its inputs and types serve REST too (`../inputs/`, `../source.views.ts`). */

@ArgsType()
export class SourceCommandArgs extends CommandOptionsArgs {
  @IdField() sourceId!: string;
}

@ArgsType() export class RegisterSourceArgs extends withInput(CommandOptionsArgs, RegisterSourceDto) {}
@ArgsType() export class AmendSourceArgs extends withInput(SourceCommandArgs, AmendSourceDto) {}

@ArgsType()
export class SourceLookupArgs extends ReadArgs {
  @IdField() id!: string;
}
